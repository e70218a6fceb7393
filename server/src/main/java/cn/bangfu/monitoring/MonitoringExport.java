package cn.bangfu.monitoring;

import cn.bangfu.monitoring.MonitoringRepository.ExportedAlert;
import cn.bangfu.monitoring.MonitoringRepository.MonitoredHousehold;
import cn.bangfu.registry.Masking;
import cn.bangfu.rules.model.HouseholdStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * The region's monitoring as an Excel workbook (.xlsx) for the county's 防止返贫监测 desk: a sheet of the
 * year's alerts (预警) and one of the households under monitoring (监测户) with their chain in figures.
 * Headings are Chinese, as the desk's own forms are; household names are masked (杨*明) and no identity
 * number is written, because a workbook leaves the system by e-mail and USB stick. Ids are text so Excel
 * does not round 16-digit ids. Rows are streamed (SXSSF keeps 100 in memory), so a province fits.
 */
public final class MonitoringExport implements AutoCloseable {
  public static final String CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  static final List<String> ALERT_HEADINGS = List.of("预警编号", "户编号", "户主", "区划代码", "预警类型", "年度",
      "预警说明", "状态", "发现时间", "结束时间");
  static final List<String> HOUSEHOLD_HEADINGS = List.of("户编号", "户主", "区划代码", "家庭人口", "户类型",
      "未消除预警", "本年帮扶措施", "最近措施日期", "最近风险消除时间");

  private final SXSSFWorkbook workbook = new SXSSFWorkbook(100);
  private final Sheet alerts;
  private final Sheet households;
  private int alertRow = 1;
  private int householdRow = 1;

  MonitoringExport(String regionPrefix, int year) {
    alerts = workbook.createSheet(year + "年预警");
    households = workbook.createSheet("监测户");
    CellStyle bold = workbook.createCellStyle();
    Font font = workbook.createFont();
    font.setBold(true);
    bold.setFont(font);
    heading(alerts, ALERT_HEADINGS, bold);
    heading(households, HOUSEHOLD_HEADINGS, bold);
    workbook.getXSSFWorkbook().getProperties().getCoreProperties()
        .setTitle("防止返贫监测 " + (regionPrefix.isEmpty() ? "全部地区" : regionPrefix) + " " + year + "年");
  }

  private static void heading(Sheet sheet, List<String> headings, CellStyle bold) {
    Row row = sheet.createRow(0);
    for (int i = 0; i < headings.size(); i++) {
      row.createCell(i).setCellValue(headings.get(i));
      row.getCell(i).setCellStyle(bold);
      sheet.setColumnWidth(i, (i == 6 && sheet.getSheetName().endsWith("预警") ? 60 : 16) * 256);
    }
    sheet.createFreezePane(0, 1);
  }

  void alert(ExportedAlert a) {
    Row row = alerts.createRow(alertRow++);
    text(row, 0, Long.toString(a.id()));
    text(row, 1, Long.toString(a.householdId()));
    text(row, 2, Masking.name(a.householdName()));
    text(row, 3, a.regionCode());
    text(row, 4, kind(a.kind()));
    row.createCell(5).setCellValue(a.year());
    text(row, 6, a.detail());
    text(row, 7, status(a.status()));
    text(row, 8, time(a.since()));
    text(row, 9, time(a.endedAt()));
  }

  void household(MonitoredHousehold h) {
    Row row = households.createRow(householdRow++);
    text(row, 0, Long.toString(h.id()));
    text(row, 1, Masking.name(h.name()));
    text(row, 2, h.regionCode());
    row.createCell(3).setCellValue(h.members());
    text(row, 4, status(h.status()) + (h.lowIncomeKind() == null ? "" : "（" + h.lowIncomeKind().zh() + "）"));
    row.createCell(5).setCellValue(h.openAlerts());
    row.createCell(6).setCellValue(h.measures());
    text(row, 7, h.lastMeasure() == null ? null : h.lastMeasure().toString());
    text(row, 8, time(h.lastClosure()));
  }

  byte[] bytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      workbook.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  @Override
  public void close() {
    try {
      workbook.close(); // deletes the temporary files SXSSF spilled rows to
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void text(Row row, int column, String value) {
    if (value != null) {
      row.createCell(column).setCellValue(value);
    }
  }

  /** Times as the desk reads them: UTC, to the minute (the chain's ISO times name the same instants). */
  private static String time(LocalDateTime t) {
    return t == null ? null : t.toLocalDate() + " " + t.toLocalTime().withSecond(0).withNano(0);
  }

  public static String kind(AlertKind kind) {
    return switch (kind) {
      case BELOW_LINE -> "人均收入低于监测线";
      case INCOME_DROP -> "收入大幅下降";
      case RIGID_EXPENDITURE -> "刚性支出过大";
      case DUPLICATE_ASSISTANCE -> "重复救助";
      case NO_MEASURE -> "预警无帮扶措施";
      case UNPAID_DIVIDEND -> "分红未发放";
      case IDLE_LABOUR -> "有劳动能力未出工";
    };
  }

  public static String status(AlertStatus status) {
    return switch (status) {
      case OPEN -> "未消除";
      case RESOLVED -> "已自动解除";
      case CLOSED -> "已风险消除";
    };
  }

  public static String status(HouseholdStatus status) {
    return switch (status) {
      case REGISTERED_POOR -> "脱贫户（建档立卡户）";
      case MONITORED -> "防返贫监测对象";
      case LOW_INCOME -> "低收入人口";
      case EXITED -> "已退出";
      case ORDINARY -> "一般户";
    };
  }
}
