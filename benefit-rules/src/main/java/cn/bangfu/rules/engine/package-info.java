/**
 * The pure allocation engine: (rule set, period facts) → allocation lines with explanations. Every
 * split is largest-remainder ({@code LargestRemainder}) and exact to the fen.
 */
package cn.bangfu.rules.engine;
