/**
 * The cooperative accountant's console {@code /coop} (issue 16, DESIGN.md 8.2): lots, orders to act on and
 * the distribution wizard, as pages. Every figure and every change goes through the capabilities' services
 * the API calls (supply, orders, distribution) with the signed-in {@link cn.bangfu.identity.Principal};
 * this package only turns their answers into Chinese pages and forms into their commands.
 */
package cn.bangfu.coop;
