/**
 * The period facts the engine splits by: members with their deliveries, shares held over days,
 * labour, costs and revenue. Built by the server from its book; plain values here.
 */
package cn.bangfu.rules.facts;
