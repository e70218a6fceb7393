/**
 * Produce lots a cooperative offers: product, grade, quantity and unit, price, availability window,
 * certification; searching them. The quantity a lot has left is changed only by orders.
 */
package cn.bangfu.supply;
