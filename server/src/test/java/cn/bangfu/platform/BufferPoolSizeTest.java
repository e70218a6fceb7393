package cn.bangfu.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * LEDGER_DB_BUFFER_POOL (issue 15): the embedded database's InnoDB buffer pool was a fixed 256 MB, so on
 * the province dataset random households missed it. Automatic: a quarter of the machine's memory within
 * 256 MB..16 GB; explicit sizes in M or G from 64M.
 */
class BufferPoolSizeTest {
  private static final long GIB = 1024L * 1024 * 1024;

  @Test
  void auto_takes_a_quarter_of_the_machine_within_256_megabytes_and_16_gigabytes() {
    assertThat(EmbeddedDatabase.bufferPoolBytes(null, 24 * GIB)).isEqualTo(6 * GIB); // the CI machine
    assertThat(EmbeddedDatabase.bufferPoolBytes("auto", 24 * GIB)).isEqualTo(6 * GIB);
    assertThat(EmbeddedDatabase.bufferPoolBytes(" AUTO ", 512L * 1024 * 1024)).isEqualTo(256L * 1024 * 1024);
    assertThat(EmbeddedDatabase.bufferPoolBytes("", 256 * GIB)).isEqualTo(16 * GIB);
  }

  @Test
  void an_explicit_size_is_taken_as_written_and_a_wrong_one_refused_naming_the_variable() {
    assertThat(EmbeddedDatabase.bufferPoolBytes("2G", 24 * GIB)).isEqualTo(2 * GIB);
    assertThat(EmbeddedDatabase.bufferPoolBytes("512m", 24 * GIB)).isEqualTo(512L * 1024 * 1024);
    assertThat(EmbeddedDatabase.bufferPoolBytes("768MB", 24 * GIB)).isEqualTo(768L * 1024 * 1024);
    for (String wrong : new String[] {"lots", "2T", "32M", "-1G", "1.5G"}) {
      assertThatThrownBy(() -> EmbeddedDatabase.bufferPoolBytes(wrong, 24 * GIB))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LEDGER_DB_BUFFER_POOL");
    }
  }
}
