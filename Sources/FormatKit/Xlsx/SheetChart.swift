import CXlsxWriter

/// acct-fmt `--xlsx FILE --chart METRIC`: a native Excel line chart on a
/// worksheet, of the METRIC column over the `start` column, rows 2 to the
/// last, placed to the right of the data. Being Excel's own chart, it
/// follows the cells: an edited or filtered value redraws it.
struct SheetChart {
    let options: ChartOptions

    /// Adds the chart to `worksheet` (named `sheet`) whose header row holds
    /// `columns` and whose data ends at row `lastRow` (0-based; 0 when the
    /// sheet has the header alone, which gets no chart). Returns false
    /// when the columns lack `start` or the metric.
    func insert(into worksheet: UnsafeMutablePointer<lxw_worksheet>, of workbook: UnsafeMutablePointer<lxw_workbook>,
                sheet: String, columns: [String], lastRow: Int) -> Bool {
        guard lastRow > 0,
              let time = columns.firstIndex(of: "start"),
              let value = columns.firstIndex(of: options.metric),
              let chart = workbook_add_chart(workbook, UInt8(LXW_CHART_LINE.rawValue))
        else { return false }
        if sheet.contains("'") {
            // The library quotes such a name itself, doubling the quote,
            // and finds the sheet by it; it would not find it by the
            // formula's doubled quote.
            guard let series = chart_add_series(chart, nil, nil) else { return false }
            chart_series_set_categories(series, sheet, 1, lxw_col_t(time), lxw_row_t(lastRow), lxw_col_t(time))
            chart_series_set_values(series, sheet, 1, lxw_col_t(value), lxw_row_t(lastRow), lxw_col_t(value))
            chart_series_set_name_range(series, sheet, 0, lxw_col_t(value))
        } else {
            // Excel reads `1!$A$2` (the sheet of account 1) as no reference,
            // and libxlsxwriter 1.1.5 quotes only names with spaces or
            // punctuation: the formula quotes every name, and the library
            // unquotes it to find the sheet and fill the chart's cache.
            let quoted = "'" + sheet + "'"
            let categories = "=" + quoted + "!" + Self.cell(row: 1, column: time) + ":" + Self.cell(row: lastRow, column: time)
            let values = "=" + quoted + "!" + Self.cell(row: 1, column: value) + ":" + Self.cell(row: lastRow, column: value)
            guard let series = chart_add_series(chart, categories, values) else { return false }
            chart_series_set_name(series, "=" + quoted + "!" + Self.cell(row: 0, column: value))
        }
        chart_title_set_name(chart, options.heading)
        chart_axis_set_name(chart.pointee.x_axis, "start")
        chart_axis_set_num_format(chart.pointee.x_axis, "yyyy-mm-dd hh:mm")
        chart_axis_set_name(chart.pointee.y_axis, MetricUnit.title(of: options.metric))
        chart_legend_set_position(chart, UInt8(LXW_CHART_LEGEND_NONE.rawValue))
        return worksheet_insert_chart(worksheet, 1, lxw_col_t(columns.count + 1), chart) == LXW_NO_ERROR
    }

    /// An absolute cell reference, `$Q$2` (row and column 0-based).
    static func cell(row: Int, column: Int) -> String {
        var letters = ""
        var n = column + 1
        while n > 0 {
            let digit = (n - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + digit))) + letters
            n = (n - 1) / 26
        }
        return "$\(letters)$\(row + 1)"
    }
}
