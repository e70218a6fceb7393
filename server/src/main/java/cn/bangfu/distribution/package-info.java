/**
 * Distribution runs (利益联结机制): rule sets from benefit-rules, period facts read from the book,
 * drafts with every line explained, publicity (公示) and objections, approval, posting exactly once,
 * claims so the same revenue is never distributed twice, reversal, payout files.
 */
package cn.bangfu.distribution;
