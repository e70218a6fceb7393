/**
 * Who is calling: users and their roles and scopes, passwords (policy, hashing), sign-in with its
 * throttle, bearer tokens (its {@code Authenticator} is
 * platform's {@code Authentication}, its {@code Principal} platform's {@code Caller}), and the scope checks services make ({@code Scopes}: which cooperative,
 * household, buyer or region a caller may see).
 */
package cn.bangfu.identity;
