/**
 * Who is calling: users and their roles and scopes, passwords (policy, hashing), sign-in with its
 * throttle, bearer tokens, and the scope checks services make ({@code Scopes}: which cooperative,
 * household, buyer or region a caller may see).
 */
package cn.bangfu.identity;
