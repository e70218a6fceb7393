package cn.bangfu.platform;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.support.ClassServer;
import cn.bangfu.support.RawHttp;
import cn.bangfu.support.TestServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Requests broken below the JSON body (issue 12, finding 5): malformed percent-encoding in the path
 * or the query, bytes that are not UTF-8, request lines and headers over the size limits. Each is a
 * 4xx application/problem+json naming what is wrong where that is known, never a 5xx. Sent over a
 * plain socket, since java.net.http refuses to send most of them.
 */
class MalformedRequestTest {
  @ClassServer static TestServer server;
  static RawHttp raw;

  @BeforeAll
  static void start() {
    raw = new RawHttp(server.server().port());
  }

  private static Map<String, String> signedIn() {
    return Map.of("Authorization", "Bearer " + server.adminToken);
  }

  private static void assertProblem(RawHttp.Response response, int status) {
    assertThat(response.status()).as(response.text()).isEqualTo(status);
    assertThat(response.isProblem()).as("content type %s", response.header("Content-Type")).isTrue();
    assertThat(response.body().getInteger("status")).isEqualTo(status);
    assertThat(response.text()).doesNotContain("Exception", "\tat ");
  }

  @Test
  void given_no_token_when_the_notice_id_has_a_malformed_percent_escape_then_400_naming_the_path_parameter() {
    RawHttp.Response response = raw.get("/api/v1/public/distributions/%zz/notice", Map.of());
    assertProblem(response, 400);
    assertThat(response.body().getString("field")).isEqualTo("id");
  }

  @Test
  void given_a_token_when_a_lot_search_has_a_malformed_percent_escape_then_400_naming_the_query_parameter() {
    for (String query : new String[] {"product=%zz", "product=%", "product=%e", "regionCode=45&product=%g1"}) {
      RawHttp.Response response = raw.get("/api/v1/lots?" + query, signedIn());
      assertProblem(response, 400);
      assertThat(response.body().getString("field")).as(query).isEqualTo("product");
    }
  }

  @Test
  void given_a_malformed_escape_in_a_parameter_name_when_any_route_reads_the_query_then_400() {
    RawHttp.Response response = raw.get("/api/v1/public/distributions/1/notice?%zz=csv", Map.of());
    assertProblem(response, 400);
    assertThat(response.body().getString("field")).isEqualTo("%zz");
  }

  @Test
  void given_percent_escapes_that_are_not_utf8_when_used_as_a_path_id_then_404_not_a_5xx() {
    assertProblem(raw.get("/api/v1/public/distributions/%C3%28/notice", Map.of()), 404);
    assertProblem(raw.get("/api/v1/public/distributions/%FF%FE/notice", Map.of()), 404);
  }

  @Test
  void given_raw_bytes_that_are_not_utf8_in_the_request_line_then_a_4xx_problem() {
    ByteArrayOutputStream target = new ByteArrayOutputStream();
    target.writeBytes("/api/v1/public/distributions/".getBytes(StandardCharsets.US_ASCII));
    target.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF});
    target.writeBytes("/notice?format=\u00ff".getBytes(StandardCharsets.ISO_8859_1));
    RawHttp.Response response = raw.send("GET", target.toByteArray(), Map.of(), new byte[0]);
    assertThat(response.status()).isBetween(400, 499);
    assertThat(response.isProblem()).isTrue();
  }

  @Test
  void given_a_path_over_the_request_line_limit_then_414_problem() {
    assertProblem(raw.get("/api/v1/lots/" + "1".repeat(10_000), signedIn()), 414);
  }

  @Test
  void given_headers_over_the_size_limit_then_431_problem() {
    assertProblem(raw.get("/api/v1/lots", Map.of("Authorization", "Bearer " + "x".repeat(20_000))), 431);
  }

  @Test
  void given_a_header_line_without_a_colon_then_400_problem() {
    assertProblem(raw.get("/api/v1/lots", Map.of("Broken header line\r\nX-Fine", "1")), 400);
  }

  @Test
  void given_an_authorization_header_of_non_ascii_garbage_then_401_problem() {
    assertProblem(raw.get("/api/v1/lots", Map.of("Authorization", "Bearer \u00ff\u00fe..%zz")), 401);
    assertProblem(raw.get("/api/v1/lots", Map.of("Authorization", "Bearer 葡萄.葡萄.葡萄")), 401);
  }

  @Test
  void given_a_json_body_declared_as_another_media_type_or_charset_then_415_and_nothing_is_created() {
    long before = server.server().database().dsl().fetchCount(org.jooq.impl.DSL.table("cooperative"));
    byte[] body = cn.bangfu.support.Fixtures.cooperative("岑峰村葡萄合作社").encode().getBytes(StandardCharsets.UTF_8);
    for (String type : new String[] {"application/jsonx", "application/json-seq", "application/json; charset=utf-16",
        "application/json; charset=iso-8859-1"}) {
      RawHttp.Response response = raw.send("POST", "/api/v1/cooperatives".getBytes(StandardCharsets.US_ASCII),
          Map.of("Authorization", "Bearer " + server.adminToken, "Content-Type", type), body);
      assertProblem(response, 415);
      assertThat(response.body().getString("field")).isEqualTo("Content-Type");
    }
    assertThat(server.server().database().dsl().fetchCount(org.jooq.impl.DSL.table("cooperative"))).isEqualTo(before);
  }

  @Test
  void given_an_api_write_with_a_form_body_holding_a_malformed_escape_then_415_not_a_5xx() {
    RawHttp.Response response = raw.send("POST", "/api/v1/cooperatives".getBytes(StandardCharsets.US_ASCII),
        Map.of("Authorization", "Bearer " + server.adminToken, "Content-Type", "application/x-www-form-urlencoded"),
        "name=%zz&uscc=%".getBytes(StandardCharsets.US_ASCII));
    assertProblem(response, 415);
    assertThat(response.body().getString("field")).isEqualTo("Content-Type");
  }

  @Test
  void given_a_read_declaring_a_form_or_multipart_body_then_a_4xx_problem_not_a_5xx() {
    for (String type : new String[] {"multipart/form-data", "application/x-www-form-urlencoded"}) {
      assertProblem(raw.get("/api/v1/lots", Map.of("Authorization", "Bearer " + server.adminToken, "Content-Type", type)),
          415);
      assertProblem(raw.get("/health", Map.of("Content-Type", type)), 400);
    }
  }

  @Test
  void given_json_declared_with_charset_utf8_in_any_spelling_then_it_is_read() {
    for (String type : new String[] {"application/json;charset=UTF-8", "Application/JSON; charset=\"utf-8\""}) {
      RawHttp.Response response = raw.send("POST", "/api/v1/cooperatives".getBytes(StandardCharsets.US_ASCII),
          Map.of("Authorization", "Bearer " + server.adminToken, "Content-Type", type),
          cn.bangfu.support.Fixtures.cooperative("岑峰村合作社").encode().getBytes(StandardCharsets.UTF_8));
      assertThat(response.status()).as(type + ": " + response.text()).isEqualTo(201);
    }
  }

  @Test
  void given_a_control_character_in_a_header_value_then_400_problem() {
    assertProblem(raw.get("/api/v1/lots", Map.of("Authorization", "Bearer a\u0001b")), 400);
  }
}
