/**
 * A household's statement: the lines of the runs it may see, each traceable to its run, rule step
 * and the settled orders of the period.
 */
package cn.bangfu.statements;
