/**
 * Demo data for {@code --demo}: the 岑丰村 grape cooperative of seed 001, its households, a school
 * canteen and a winery, a county regulator, and a market year played through the public API.
 */
package cn.bangfu.demo;
