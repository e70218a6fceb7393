package cn.bangfu.distribution;

import java.security.SecureRandom;

/**
 * Objection receipts (回执编号) an older villager can read out on the phone: six characters from 22 that
 * cannot be mistaken for one another (no 0/O, 1/I/L, 2/Z, 5/S, 8/B, G, U/V), about 113 million
 * receipts; unique in the database (V29), drawn again on the rare collision. Random, not counted, so a
 * receipt says nothing about how many objections were filed.
 */
final class Receipts {
  static final String ALPHABET = "ACDEFHJKMNPQRTWXY34679";
  static final int LENGTH = 6;
  private static final SecureRandom RANDOM = new SecureRandom();

  private Receipts() {
  }

  static String next() {
    char[] receipt = new char[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      receipt[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
    }
    return new String(receipt);
  }
}
