/**
 * What the engine returns: allocation lines, exclusions, liabilities, compliance results, and the
 * money type.
 */
package cn.bangfu.rules.result;
