/**
 * The public-welfare post register (公益岗位, issue 14 point 7): the posts a cooperative runs for its
 * village (where, monthly pay, work days a month, how many people, for how long) and the days households
 * worked on each. Only these days count for a welfare-post step (benefit-rules basis {@code post_days});
 * each post's pay is what {@code guaranteed: {postPay: true}} owes. Distribution reads the days through
 * {@link cn.bangfu.welfare.WelfarePostRepository#postWork}.
 */
package cn.bangfu.welfare;
