#pragma once
// Measuring the service: for one office, one service SOP and one
// period, how many cases came in, finished, were returned (by reason) or held
// by an outage; how many wait in each step now; how long each step took
// against its standard time (median, 90th percentile, share on time); the
// total working time against the SOP's total standard; the same per officer;
// and the outage time, kept apart from working time.
//
// Pure (STYLE.md): the cases, their action logs, the outage log and "now"
// come in as arguments; storage gathers them, the web layer renders the
// result. History is the source of truth (STYLE.md, practice 3): every figure
// is derived from the action log, never from the stored Case::state.
//
// The rules, decided once here so that every report reads the same:
//
// * The period is half-open, [from, to), and is cut at `now`: nothing that
//   has not yet happened is counted. The report's instant, `as_of`, is
//   min(to, now); an event belongs to the period when from <= at < as_of.
// * received: cases created (submitted) in the period.
//   finished: cases that reached an end state in the period.
//   cancelled: cases withdrawn as filed by mistake (a cancelled state) in the
//   period; counted apart: not finished, and the step visit the withdrawal
//   cut short is not a visit (neither on time nor late).
//   returned_cases / returns: cases returned to the applicant at least once in
//   the period / return actions in the period (a case returned twice is one
//   case and two returns). returned_by_reason counts every reason of every
//   return action in the period, so an action with two reasons counts twice.
//   held_cases / holds / held_by_reason: the same for holds (outages).
// * A step visit runs from the moment the case enters a step to the action
//   that leaves it. A hold in the middle of a step (perekaman → tertunda →
//   perekaman) does not end the visit: the visit goes on after the case is
//   resumed, and the time in the held state is outage time, not step time.
//   Should the case leave the held state for anywhere else, the suspended
//   visit ends with that action, its held time still left out.
//   A visit counts in the period when the action that ends it falls in the
//   period; visits still open count only as "waiting".
// * A step's time is working time: the office's working hours only, without
//   its holidays (core/working_time.hpp, ReportOptions::calendars), so a
//   case left overnight or over a weekend is not late for the night. A
//   visit from 15:50 on a Friday to 08:10 on Monday, at an office open
//   08:00–16:00, lasted 20 minutes. Held and returned time, elapsed time and
//   outage time stay wall-clock time. An office without a calendar in the
//   options counts wall-clock time throughout.
// * A visit is on time when its seconds <= standard_minutes × 60, late when
//   more, and very late when more than very_late_factor_percent % of the
//   standard (200: more than twice the standard time).
// * Total time is measured on the cases finished in the period. Working time
//   is the time in steps only: the time with the applicant (returned) and in a
//   held state (outage) is not the office's work, and the SOP's total standard
//   (29 minutes for Perekaman E-KTP) measures the office's work. Elapsed time,
//   from submission to handover with everything in it, is reported beside it.
// * Waiting: the state of every case at `as_of`, from the actions before
//   `as_of`. A case waiting in a step is late / very late when its current
//   visit has lasted longer than the standard / the very-late threshold.
// * Per officer: every action performed in the period counts for its actor,
//   and the actor of the action that ended a step visit is given that visit's
//   time.
// * Outage time comes from the outage log (OutageRecord): the union of the
//   office's outages cut to [from, as_of) (two outages at once count once; an
//   outage not yet ended runs to `as_of`). Held time is the cases' time in
//   held states in the period, summed over cases: one outage holding three
//   cases for ten minutes is ten minutes of outage and thirty of held time.
// * Medians and percentiles use the nearest-rank method (see percentile()).
// * An idle case (CaseHistory::idle) comes without its actions: nothing has
//   happened to it since before the period, so it only counts in the state
//   at `as_of`, read from its row (the state and the time of its last action,
//   both written with that action). Its current visit has lasted at least
//   the working time from updated_at to as_of, which decides late and very
//   late exactly when that is longer than every step's very-late threshold:
//   idle_before() gives the instant before which that holds, counted back in
//   the office's working time (a case idle since Friday 15:59 has waited
//   only minutes of working time on Monday at 08:00; counted back in wall
//   time it would be taken as idle and its visit's earlier part, before a
//   hold, lost), and the store leaves out only the actions of open cases
//   idle since before it. Working time is at most wall time, so the instant
//   is never later than the wall-clock one: fewer cases are left idle. This is
//   the one place a figure is read from the row rather than from the log; a
//   month's report at a busy office otherwise read the whole history of
//   every file still open, years of them (a report must stay instant at 1M cases).

#include "core/date.hpp"
#include "core/model.hpp"
#include "core/sop.hpp"
#include "core/working_time.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sopir {

// A case with its action log, oldest action first.
struct CaseHistory {
    Case item;
    std::vector<ActionRecord> actions;
    // Left without actions: open, and idle since before idle_before().
    bool idle { false };
};

struct ReportOptions {
    Timestamp from { 0 };
    Timestamp to { 0 };  // Exclusive.
    Timestamp now { 0 }; // The period is cut here.
    // Only the cases and outages of this office; all of them when empty.
    std::optional<Id> office_id;
    // Very late = waited more than this percentage of the standard time.
    // Values below 100 are taken as 100 (very late is at least late).
    int very_late_factor_percent { 200 };
    // Each office's working hours and holidays, by office id: step times
    // count working time. An office not here counts wall-clock time.
    std::map<Id, WorkingCalendar> calendars;

    WorkingCalendar const* calendar_of(Id office) const;
};

struct StepFigures {
    std::string step_id;
    int standard_minutes { 0 };
    // Visits that ended in the period.
    std::int64_t visits { 0 };
    std::int64_t on_time { 0 };
    double on_time_share { 0 }; // on_time / visits; 0 when there is no visit.
    std::int64_t late { 0 };
    std::int64_t very_late { 0 };
    std::int64_t median_seconds { 0 };
    std::int64_t p90_seconds { 0 };
    // The cases waiting in the step at `as_of`, and how many of them have
    // waited longer than the standard / the very-late threshold.
    std::int64_t waiting_now { 0 };
    std::int64_t late_now { 0 };
    std::int64_t very_late_now { 0 };
};

// The cases finished in the period, from submission to the end state.
struct TotalFigures {
    int standard_minutes { 0 }; // The SOP's "Jumlah waktu".
    std::int64_t cases { 0 };
    std::int64_t on_time { 0 };   // Working time <= the total standard.
    double on_time_share { 0 };   // on_time / cases; 0 when there is no case.
    std::int64_t late { 0 };      // Working time over the total standard.
    std::int64_t very_late { 0 }; // Over the very-late threshold of it.
    std::int64_t median_working_seconds { 0 };
    std::int64_t p90_working_seconds { 0 };
    std::int64_t median_elapsed_seconds { 0 };
    std::int64_t p90_elapsed_seconds { 0 };
    // Summed over these cases: time with the applicant and in held states.
    std::int64_t returned_seconds { 0 };
    std::int64_t held_seconds { 0 };
};

struct OfficerFigures {
    Id user_id { 0 };
    std::int64_t actions { 0 }; // Every action they performed in the period.
    // The step visits their action ended in the period, and the time of those.
    std::int64_t visits { 0 };
    std::int64_t on_time { 0 };
    std::int64_t median_seconds { 0 };
    std::int64_t p90_seconds { 0 };
};

struct ReportSummary {
    Timestamp as_of { 0 }; // min(to, now): the instant of the waiting figures.

    // Flow within the period.
    std::int64_t received { 0 };
    std::int64_t finished { 0 };
    std::int64_t cancelled { 0 };
    std::int64_t returned_cases { 0 };
    std::int64_t returns { 0 };
    std::map<std::string, std::int64_t> returned_by_reason;
    std::int64_t held_cases { 0 };
    std::int64_t holds { 0 };
    std::map<std::string, std::int64_t> held_by_reason;

    // State at `as_of`.
    std::int64_t in_progress { 0 };    // Waiting in a step.
    std::int64_t with_applicant { 0 }; // In a returned state.
    std::int64_t held_now { 0 };       // In a held state.
    std::int64_t late_now { 0 };       // Summed over the steps.
    std::int64_t very_late_now { 0 };

    std::vector<StepFigures> steps; // Every step, in the SOP's order.
    TotalFigures total;

    // Outages, apart from working time.
    std::int64_t outages { 0 }; // Log entries that overlap the period.
    std::int64_t outage_seconds { 0 };
    std::map<std::string, std::int64_t> outage_seconds_by_kind;
    std::int64_t held_seconds { 0 }; // The cases' time in held states in the period.

    std::vector<OfficerFigures> officers; // By user id.
};

// Cases of another service than `definition` (Case::service_id) are left out.
ReportSummary summarize(SopDefinition const& definition, std::vector<CaseHistory> const& cases, std::vector<OutageRecord> const& outages,
    ReportOptions const& options);

// The instant before which an open case's actions are not needed: the
// earlier of the period's start and as_of less the longest very-late
// threshold of any step (and a second, since "very late" is "more than"),
// counted back in the working time of options.office_id's calendar (of
// every calendar, the earliest, when no office is named).
Timestamp idle_before(SopDefinition const& definition, ReportOptions const& options);

// The nearest-rank percentile: the smallest value such that at least
// `percent` % of the values are less than or equal to it, i.e. the value at
// rank ceil(percent / 100 × n) (1-based) of the sorted values, or the first
// value for percent <= 0. Every figure reported is then a time some case
// really took. The median is percentile(values, 50): for an even count it is
// the lower of the two middle values. 0 for no values; percent is clamped to
// 0..100.
std::int64_t percentile(std::vector<std::int64_t> values, int percent);

}
