/**
 * The county regulator's console {@code /regulator} (issue 16, DESIGN.md 8.2): runs awaiting approval with
 * their notice and objections, approve or send back with a reason; household search inside the region with
 * each household's income and assistance chain; monitoring alerts; the region's procurement execution
 * (采购执行统计) with an export. Every figure and change goes through the services the API calls
 * (distribution, registry, monitoring, orders) with the signed-in regulator, so the region scope applies.
 */
package cn.bangfu.regulator;
