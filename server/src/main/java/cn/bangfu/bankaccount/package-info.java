/**
 * Households' bank accounts (一卡通 / 社保卡 / 银行卡, issue 14 point 9): the number stored AES-GCM encrypted
 * (platform {@code FieldCipher}, its own derived keys), shown masked in every answer; only the payout bank
 * batch file of a posted run ({@code distribution.PayoutFile}) carries it in full, for that run's cooperative.
 */
package cn.bangfu.bankaccount;
