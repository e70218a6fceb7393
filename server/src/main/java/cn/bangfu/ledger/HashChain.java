package cn.bangfu.ledger;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tamper evidence for the journal. Two digests per entry:
 * <ul>
 *   <li>content hash: the business content (kind, reference, idempotency ref, cooperative, effective
 *   date, reversed entry, and every posting as owner type/id, purpose and amount, in a canonical
 *   order). It is also what makes a repeated idempotency ref "the same" or "different".</li>
 *   <li>entry hash: prev hash + entry id + cooperative + seq + content hash + who + memo + time.</li>
 * </ul>
 * Both are HMAC-SHA256 under a key derived from the server's master key, so someone with only
 * database access cannot rewrite a row and recompute the chain to hide it.
 *
 * <p>One chain per cooperative, not one global chain: every posting must serialize on its chain's
 * head, and a global head would make the whole county post one entry at a time; per cooperative,
 * settlements and distributions of different cooperatives run in parallel, the chain follows the
 * partitioning key (DESIGN.md 3), and a cooperative's books can be verified on their own.
 */
public final class HashChain {
  public static final byte[] GENESIS = new byte[32];

  /**
   * A posting as hashed: its account by identity (not its id), so re-pointing a row shows. A chart
   * account hashes as (COOPERATIVE, cooperative id, code) or, a member sub-account, as (MEMBER,
   * household id, code); the entry's cooperative is hashed with the entry, so the two together name
   * the account. Postings made before the chart (V14) keep the identity they were hashed with then:
   * (owner type, owner id, purpose) of their legacy account row.
   */
  public record Line(String ownerType, long ownerId, String purpose, long amountFen) {
    static Line of(Posting p) {
      AccountRef a = p.account();
      return a.isMemberAccount()
          ? new Line(MEMBER, a.householdId(), a.account().code(), p.amountFen())
          : new Line(COOPERATIVE, a.cooperativeId(), a.account().code(), p.amountFen());
    }
  }

  static final String COOPERATIVE = "COOPERATIVE";
  static final String MEMBER = "MEMBER";

  private static final Comparator<Line> CANONICAL = Comparator.comparing(Line::ownerType)
      .thenComparingLong(Line::ownerId).thenComparing(Line::purpose).thenComparingLong(Line::amountFen);

  private final SecretKeySpec key;

  public HashChain(byte[] key) {
    this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
  }

  private Mac mac() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  public static List<Line> lines(List<Posting> postings) {
    List<Line> lines = new ArrayList<>(postings.size());
    for (Posting p : postings) {
      lines.add(Line.of(p));
    }
    return lines;
  }

  /** Order-independent: the same postings in another order are the same content. Sorts {@code lines}. */
  public byte[] contentHash(String kind, String referenceType, long referenceId, String idempotencyRef,
      long cooperativeId, LocalDate effectiveDate, Long reversesEntryId, List<Line> lines) {
    Mac mac = mac();
    text(mac, kind);
    text(mac, referenceType);
    number(mac, referenceId);
    text(mac, idempotencyRef);
    number(mac, cooperativeId);
    text(mac, effectiveDate.toString());
    number(mac, reversesEntryId == null ? -1 : reversesEntryId);
    number(mac, lines.size());
    lines.sort(CANONICAL);
    ByteBuffer buffer = ByteBuffer.allocate(16);
    for (Line line : lines) {
      text(mac, line.ownerType());
      text(mac, line.purpose());
      buffer.clear();
      buffer.putLong(line.ownerId()).putLong(line.amountFen());
      mac.update(buffer.array());
    }
    return mac.doFinal();
  }

  public byte[] entryHash(byte[] prevHash, long entryId, long cooperativeId, long chainSeq, byte[] contentHash,
      long causedBy, String memo, long createdAtMillis) {
    Mac mac = mac();
    mac.update(prevHash);
    number(mac, entryId);
    number(mac, cooperativeId);
    number(mac, chainSeq);
    mac.update(contentHash);
    number(mac, causedBy);
    if (memo == null) {
      number(mac, -1);
    } else {
      text(mac, memo);
    }
    number(mac, createdAtMillis);
    return mac.doFinal();
  }

  private static void text(Mac mac, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    number(mac, bytes.length);
    mac.update(bytes);
  }

  private static void number(Mac mac, long n) {
    mac.update(ByteBuffer.allocate(8).putLong(n).array());
  }
}
