/**
 * Household income and low-income dynamic monitoring (seed 000, DESIGN.md 8.3): all the income the
 * book knows of a household, monitoring lines per region, risk events, alerts evaluated as set-based
 * queries over a region, one assistance chain per household (一户一条救助链), and a live alert feed.
 */
package cn.bangfu.monitoring;
