#include "web/report_tables.hpp"

#include <algorithm>
#include <set>

namespace sopir::web {

namespace {

    using Kind = Column::Kind;
    using Row = std::vector<std::string>;

    std::string officer_name(std::map<Id, std::string> const& names, Id id)
    {
        auto const found = names.find(id);
        return found != names.end() ? found->second : "#" + std::to_string(id);
    }

    // A median or share exists only when something was measured.
    std::string minutes_if(bool measured, std::int64_t seconds)
    {
        return measured ? minutes_cell(seconds) : std::string();
    }

    std::string percent_if(bool measured, double share)
    {
        return measured ? percent_cell(share) : std::string();
    }

    // The reasons the SOP offers on the actions that move a case into a
    // special state of `kind` (Returned: the return slip's reasons; Held: the
    // outage's), in the SOP's order, each id once.
    std::vector<ReasonDefinition> reasons_into(SopDefinition const& definition, StateKind kind)
    {
        std::vector<ReasonDefinition> reasons;
        std::set<std::string> seen;
        auto collect = [&](std::vector<ActionDefinition> const& actions) {
            for (auto const& action : actions) {
                if (definition.state_kind(action.target) != kind)
                    continue;
                for (auto const& reason : action.reasons)
                    if (seen.insert(reason.id).second)
                        reasons.push_back(reason);
            }
        };
        for (auto const& step : definition.steps)
            collect(step.actions);
        for (auto const& state : definition.states)
            collect(state.actions);
        return reasons;
    }

    Table reasons_table(std::string name, std::string const& title, std::vector<ReasonDefinition> const& reasons,
        std::map<std::string, std::int64_t> const& counts)
    {
        Table table;
        table.name = std::move(name);
        table.title = title;
        table.columns = { { "Alasan", Kind::Text }, { "Jumlah", Kind::Number } };
        std::set<std::string> shown;
        for (auto const& reason : reasons) {
            auto const found = counts.find(reason.id);
            table.rows.push_back({ reason.label, number_cell(found != counts.end() ? found->second : 0) });
            shown.insert(reason.id);
        }
        for (auto const& [id, count] : counts)
            if (!shown.contains(id))
                table.rows.push_back({ id, number_cell(count) });
        return table;
    }

    Table overview_table(ReportSummary const& summary, std::string const& title)
    {
        Table table;
        table.name = "Ringkasan";
        table.title = title;
        table.columns = { { "Uraian", Kind::Text }, { "Nilai", Kind::Number }, { "Satuan", Kind::Text } };
        auto add = [&](std::string what, std::string value, std::string unit) {
            table.rows.push_back({ std::move(what), std::move(value), std::move(unit) });
        };
        auto const& total = summary.total;
        bool const measured = total.cases > 0;

        add("Diterima", number_cell(summary.received), "berkas");
        add("Selesai", number_cell(summary.finished), "berkas");
        add("Dibatalkan (salah input)", number_cell(summary.cancelled), "berkas");
        add("Dikembalikan kepada pemohon", number_cell(summary.returned_cases), "berkas");
        add("Pengembalian", number_cell(summary.returns), "kali");
        add("Tertunda karena gangguan", number_cell(summary.held_cases), "berkas");
        add("Penundaan", number_cell(summary.holds), "kali");

        add("Masih berjalan pada akhir periode", number_cell(summary.in_progress), "berkas");
        add("Di tangan pemohon pada akhir periode", number_cell(summary.with_applicant), "berkas");
        add("Tertunda pada akhir periode", number_cell(summary.held_now), "berkas");
        add("Terlambat pada akhir periode", number_cell(summary.late_now), "berkas");
        add("Sangat terlambat pada akhir periode", number_cell(summary.very_late_now), "berkas");

        add("Standar waktu total (SOP)", number_cell(total.standard_minutes), "menit");
        add("Selesai dan diukur waktunya", number_cell(total.cases), "berkas");
        add("Waktu kerja tepat waktu", number_cell(total.on_time), "berkas");
        add("Persentase waktu kerja tepat waktu", percent_if(measured, total.on_time_share), "%");
        add("Waktu kerja terlambat", number_cell(total.late), "berkas");
        add("Waktu kerja sangat terlambat", number_cell(total.very_late), "berkas");
        add("Median waktu kerja", minutes_if(measured, total.median_working_seconds), "menit");
        add("Persentil ke-90 waktu kerja", minutes_if(measured, total.p90_working_seconds), "menit");
        add("Median waktu tempuh (termasuk dikembalikan dan tertunda)", minutes_if(measured, total.median_elapsed_seconds), "menit");
        add("Persentil ke-90 waktu tempuh", minutes_if(measured, total.p90_elapsed_seconds), "menit");
        add("Waktu di tangan pemohon (berkas selesai)", minutes_cell(total.returned_seconds), "menit");
        add("Waktu tertunda (berkas selesai)", minutes_cell(total.held_seconds), "menit");

        add("Gangguan tercatat", number_cell(summary.outages), "kali");
        add("Lama gangguan", minutes_cell(summary.outage_seconds), "menit");
        for (auto const& [kind, seconds] : summary.outage_seconds_by_kind)
            add("Lama gangguan: " + outage_kind_label(kind), minutes_cell(seconds), "menit");
        add("Waktu berkas tertunda (semua berkas)", minutes_cell(summary.held_seconds), "menit");
        return table;
    }

    Table steps_table(ReportSummary const& summary, SopDefinition const& definition, std::string const& title)
    {
        Table table;
        table.name = "Tahapan";
        table.title = title;
        table.columns = {
            { "Tahap", Kind::Text },
            { "Standar (menit)", Kind::Number },
            { "Jumlah dikerjakan", Kind::Number },
            { "Tepat waktu", Kind::Number },
            { "Tepat waktu (%)", Kind::Percent },
            { "Terlambat", Kind::Number },
            { "Di antaranya sangat terlambat", Kind::Number },
            { "Median (menit)", Kind::Minutes },
            { "Persentil ke-90 (menit)", Kind::Minutes },
            { "Menunggu sekarang", Kind::Number },
            { "Terlambat sekarang", Kind::Number },
            { "Sangat terlambat sekarang", Kind::Number },
        };
        for (auto const& step : summary.steps) {
            bool const measured = step.visits > 0;
            table.rows.push_back({ definition.state_label(step.step_id), number_cell(step.standard_minutes), number_cell(step.visits),
                number_cell(step.on_time), percent_if(measured, step.on_time_share), number_cell(step.late), number_cell(step.very_late),
                minutes_if(measured, step.median_seconds), minutes_if(measured, step.p90_seconds), number_cell(step.waiting_now),
                number_cell(step.late_now), number_cell(step.very_late_now) });
        }
        return table;
    }

    Table officers_table(ReportSummary const& summary, std::map<Id, std::string> const& names, std::string const& title)
    {
        Table table;
        table.name = "Petugas";
        table.title = title;
        table.columns = {
            { "Petugas", Kind::Text },
            { "Tindakan", Kind::Number },
            { "Langkah diselesaikan", Kind::Number },
            { "Tepat waktu", Kind::Number },
            { "Median waktu langkah (menit)", Kind::Minutes },
            { "Persentil ke-90 (menit)", Kind::Minutes },
        };
        std::vector<OfficerFigures> officers = summary.officers;
        std::stable_sort(officers.begin(), officers.end(),
            [&](auto const& a, auto const& b) { return officer_name(names, a.user_id) < officer_name(names, b.user_id); });
        for (auto const& officer : officers) {
            bool const measured = officer.visits > 0;
            table.rows.push_back({ officer_name(names, officer.user_id), number_cell(officer.actions), number_cell(officer.visits),
                number_cell(officer.on_time), minutes_if(measured, officer.median_seconds), minutes_if(measured, officer.p90_seconds) });
        }
        return table;
    }

    std::string local_datetime(Timestamp at, int utc_offset_minutes)
    {
        return to_iso(local_date(at, utc_offset_minutes)) + " " + local_time_hhmm(at, utc_offset_minutes);
    }

}

std::vector<Table> summary_tables(ReportSummary const& summary, SopDefinition const& definition, std::map<Id, std::string> const& officer_names,
    std::string const& title)
{
    return {
        overview_table(summary, title),
        steps_table(summary, definition, title),
        reasons_table("Alasan pengembalian", title, reasons_into(definition, StateKind::Returned), summary.returned_by_reason),
        reasons_table("Alasan penundaan", title, reasons_into(definition, StateKind::Held), summary.held_by_reason),
        officers_table(summary, officer_names, title),
    };
}

Table office_summary_table(std::vector<std::pair<std::string, ReportSummary>> const& offices, std::string const& title)
{
    Table table;
    table.name = "Per kantor";
    table.title = title;
    table.columns = {
        { "Kantor", Kind::Text },
        { "Diterima", Kind::Number },
        { "Selesai", Kind::Number },
        { "Dikembalikan", Kind::Number },
        { "Tertunda karena gangguan", Kind::Number },
        { "Waktu kerja tepat waktu (%)", Kind::Percent },
        { "Median waktu kerja (menit)", Kind::Minutes },
        { "Persentil ke-90 waktu kerja (menit)", Kind::Minutes },
        { "Masih berjalan", Kind::Number },
        { "Terlambat sekarang", Kind::Number },
        { "Lama gangguan (menit)", Kind::Minutes },
    };
    for (auto const& [office, summary] : offices) {
        bool const measured = summary.total.cases > 0;
        table.rows.push_back({ office, number_cell(summary.received), number_cell(summary.finished), number_cell(summary.returned_cases),
            number_cell(summary.held_cases), percent_if(measured, summary.total.on_time_share),
            minutes_if(measured, summary.total.median_working_seconds), minutes_if(measured, summary.total.p90_working_seconds),
            number_cell(summary.in_progress), number_cell(summary.late_now), minutes_cell(summary.outage_seconds) });
    }
    return table;
}

Table outages_table(std::vector<OutageRecord> const& outages, int utc_offset_minutes, std::map<Id, std::string> const& names,
    std::string const& title)
{
    Table table;
    table.name = "Gangguan";
    table.title = title;
    table.columns = {
        { "Mulai", Kind::DateTime },
        { "Selesai", Kind::DateTime },
        { "Lama (menit)", Kind::Minutes },
        { "Keadaan", Kind::Text },
        { "Jenis", Kind::Text },
        { "Catatan", Kind::Text, 48 },
        { "Dicatat oleh", Kind::Text },
        { "Diakhiri oleh", Kind::Text },
        // The cases held for it in one go (/gangguan), and how many of them it resumed.
        { "Berkas ditunda", Kind::Number },
        { "Berkas dilanjutkan", Kind::Number },
    };
    for (auto const& outage : outages) {
        bool const ended = outage.ended_at.has_value();
        table.rows.push_back({ local_datetime(outage.started_at, utc_offset_minutes),
            ended ? local_datetime(*outage.ended_at, utc_offset_minutes) : std::string(),
            ended ? minutes_cell(*outage.ended_at - outage.started_at) : std::string(), ended ? "Selesai" : "Masih berlangsung",
            outage_kind_label(outage.kind), outage.note, officer_name(names, outage.recorded_by),
            ended && outage.ended_by ? officer_name(names, outage.ended_by) : std::string(), number_cell(outage.held_cases),
            number_cell(outage.resumed_cases) });
    }
    return table;
}

std::string outage_kind_label(std::string_view kind)
{
    if (kind == "jaringan")
        return "Gangguan jaringan";
    if (kind == "peralatan")
        return "Kerusakan peralatan";
    if (kind == "listrik")
        return "Listrik padam";
    if (kind == "lainnya")
        return "Lainnya";
    return std::string(kind);
}
}
