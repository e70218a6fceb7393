package cn.bangfu.platform;

import cn.bangfu.db.tables.records.IdempotencyRecordRecord;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jooq.DSLContext;

/**
 * Idempotency-Key handling for order writes (invariant 7). The write runs and its response is
 * stored under (caller scope, key) in the same transaction; the unique index on that pair is the
 * only guard. A repeat (or a concurrent twin) either fails its insert of the record — waiting on the
 * index until the first commits — or fails the write itself (the lot is sold out now, the order has
 * moved on); either way its whole transaction rolls back and only then is the stored record read:
 * the first response is replayed (same request) or the repeat refused with 422 (another request).
 * So the common case, a new key, costs no look-up, and exactly one order exists across any number
 * of server instances. Only successful writes are stored: a refused request wrote nothing, so
 * retrying it is safe. The same record settles a COMMIT whose answer was lost with its database
 * node: the write is simply run again ({@link Database#guardedTx}) and either commits now or finds
 * the first one's record, so the client gets its answer rather than a 503 (issue 19).
 */
public final class Idempotency {
  private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,100}");
  private static final String JSON = "application/json; charset=utf-8";

  private final Database database;
  private final BusinessClock clock;
  private final IdempotencyRepository records;
  private final Ids ids;

  public Idempotency(Database database, IdempotencyRepository records, Ids ids, BusinessClock clock) {
    this.clock = clock;
    this.database = database;
    this.records = records;
    this.ids = ids;
  }

  /** What a write produced: its HTTP outcome and the cooperative it concerns (for partitioning). */
  public record Outcome(int status, JsonObject body, long cooperativeId) {
  }

  /** A checked request: who sends it, under which key, and the hash of what it asks. */
  public record Request(String owner, String key, String hash) {
  }

  public static String checkedKey(String raw, boolean required) {
    if (raw == null || raw.isEmpty()) {
      if (required) {
        throw Problem.badRequest("Idempotency-Key", "the Idempotency-Key header is required for this write");
      }
      return null;
    }
    if (!KEY.matcher(raw).matches()) {
      throw Problem.badRequest("Idempotency-Key", "Idempotency-Key must be 1 to 100 visible ASCII characters");
    }
    return raw;
  }

  public static Request request(Caller caller, String key, String method, String path, JsonObject body) {
    if (key == null) {
      return null;
    }
    String canonical = method + " " + path + "\n" + (body == null ? "" : canonical(body));
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
      return new Request(caller.role() + ":" + caller.scopeId(), key, HexFormat.of().formatHex(digest));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** JSON with object keys sorted, so the same body sent with another key order or spacing is the same request. */
  static String canonical(Object value) {
    if (value instanceof JsonObject object) {
      TreeMap<String, Object> sorted = new TreeMap<>();
      object.forEach(e -> sorted.put(e.getKey(), e.getValue()));
      StringBuilder out = new StringBuilder("{");
      sorted.forEach((k, v) -> out.append(out.length() > 1 ? "," : "").append(Json.encode(k)).append(':')
          .append(canonical(v)));
      return out.append('}').toString();
    }
    if (value instanceof JsonArray array) {
      StringBuilder out = new StringBuilder("[");
      for (int i = 0; i < array.size(); i++) {
        out.append(i > 0 ? "," : "").append(canonical(array.getValue(i)));
      }
      return out.append(']').toString();
    }
    if (value == null || value instanceof Boolean || value instanceof Integer || value instanceof Long) {
      return String.valueOf(value); // what the encoder writes for them, without a generator per value
    }
    return Json.encode(value);
  }

  /** Runs {@code write} in one transaction, guarded by {@code request} when it carries a key. */
  public Future<Reply> run(Request request, Function<DSLContext, Outcome> write) {
    if (request == null) {
      return database.tx(db -> reply(write.apply(db)));
    }
    return database.guardedTx(db -> {
      Outcome outcome = write.apply(db);
      // encoded once: the stored body and the answer are the same text
      String body = outcome.body().encode();
      records.insert(db, new IdempotencyRecordRecord().setId(ids.next()).setOwner(request.owner())
          .setIdemKey(request.key()).setRequestHash(request.hash()).setCooperativeId(outcome.cooperativeId())
          .setResponseStatus(outcome.status()).setResponseBody(body)
          .setCreatedAt(clock.now()));
      return new Reply(outcome.status(), JSON, Buffer.buffer(body));
    }).recover(failure -> database.read(db -> records.find(db, request.owner(), request.key())
            .map(stored -> replay(stored, request)).orElse(null))
        .compose(replayed -> replayed != null ? Future.succeededFuture(replayed) : Future.failedFuture(failure)));
  }

  private static Reply reply(Outcome outcome) {
    return new Reply(outcome.status(), JSON, outcome.body().toBuffer());
  }

  private static Reply replay(IdempotencyRecordRecord stored, Request request) {
    if (!stored.getRequestHash().equals(request.hash())) {
      throw new Problem(422, "idempotency-key-reused", "Idempotency-Key reused",
          "this Idempotency-Key was already used for a different request", "Idempotency-Key");
    }
    return new Reply(stored.getResponseStatus(), JSON, Buffer.buffer(stored.getResponseBody()));
  }
}
