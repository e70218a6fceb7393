/**
 * The register of participants: cooperatives (USCC), households (identity numbers encrypted,
 * masked everywhere), buyers, pairings (结对帮扶), memberships and shares, and the cooperative's
 * own records of deliveries (交售), labour and costs.
 */
package cn.bangfu.registry;
