#include "core/report.hpp"

#include "core/workflow.hpp"

#include <algorithm>
#include <limits>
#include <utility>

namespace sopir {

namespace {

    // The seconds from `since` to `until`; an interval that runs backwards (two
    // servers' clocks disagreeing) counts as zero, as in compute_timing.
    std::int64_t interval(Timestamp since, Timestamp until)
    {
        std::int64_t result = 0;
        if (until <= since)
            return 0;
        if (__builtin_sub_overflow(until, since, &result))
            return std::numeric_limits<std::int64_t>::max();
        return result;
    }

    void add_to(std::int64_t& total, std::int64_t seconds)
    {
        if (__builtin_add_overflow(total, seconds, &total))
            total = std::numeric_limits<std::int64_t>::max();
    }

    // The seconds of [since, until) that fall in [from, to).
    std::int64_t overlap(Timestamp since, Timestamp until, Timestamp from, Timestamp to)
    {
        return interval(std::max(since, from), std::min(until, to));
    }

    bool over(std::int64_t seconds, std::int64_t standard_seconds, int percent)
    {
        // seconds > standard × percent / 100, without dividing.
        std::int64_t limit = 0;
        if (__builtin_mul_overflow(standard_seconds, std::int64_t { percent }, &limit))
            return false;
        std::int64_t scaled = 0;
        if (__builtin_mul_overflow(seconds, std::int64_t { 100 }, &scaled))
            return true;
        return scaled > limit;
    }

    double share(std::int64_t part, std::int64_t whole)
    {
        return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
    }

    struct Samples {
        std::vector<std::int64_t> seconds;
        std::int64_t on_time { 0 };
        std::int64_t late { 0 };
        std::int64_t very_late { 0 };

        void add(std::int64_t value, std::int64_t standard_seconds, int very_late_percent)
        {
            seconds.push_back(value);
            if (value <= standard_seconds)
                ++on_time;
            else
                ++late;
            if (over(value, standard_seconds, very_late_percent))
                ++very_late;
        }
    };

    struct Waiting {
        std::int64_t cases { 0 };
        std::int64_t late { 0 };
        std::int64_t very_late { 0 };
    };

    struct OfficerTally {
        std::int64_t actions { 0 };
        Samples visits;
    };

    // A step visit not yet ended: it is suspended while the case is held.
    struct OpenVisit {
        std::string step;
        std::int64_t seconds { 0 };
    };

    // The union of the outages' intervals within [from, to), in seconds.
    std::int64_t union_seconds(std::vector<std::pair<Timestamp, Timestamp>> spans)
    {
        std::sort(spans.begin(), spans.end());
        std::int64_t total = 0;
        std::optional<std::pair<Timestamp, Timestamp>> run;
        for (auto const& span : spans) {
            if (run && span.first <= run->second) {
                run->second = std::max(run->second, span.second);
                continue;
            }
            if (run)
                add_to(total, interval(run->first, run->second));
            run = span;
        }
        if (run)
            add_to(total, interval(run->first, run->second));
        return total;
    }

}

WorkingCalendar const* ReportOptions::calendar_of(Id office) const
{
    auto const found = calendars.find(office);
    return found == calendars.end() ? nullptr : &found->second;
}

Timestamp idle_before(SopDefinition const& definition, ReportOptions const& options)
{
    int const very_late_percent = std::max(options.very_late_factor_percent, 100);
    std::int64_t longest = 0;
    for (auto const& step : definition.steps)
        longest = std::max(longest, std::int64_t { step.standard_minutes } * 60 * very_late_percent / 100 + 1);
    Timestamp const as_of = std::min(options.to, options.now);
    // In working time: a case idle since before this instant has waited
    // `longest` working seconds, however many nights and holidays lie
    // between (the wall-clock instant as_of − longest would take a case
    // left on Friday afternoon for one that waited the weekend through).
    WorkingCalendar const* calendar = options.office_id ? options.calendar_of(*options.office_id) : nullptr;
    if (!options.office_id && !options.calendars.empty()) {
        // Several offices' calendars: the earliest of their instants holds for all.
        Timestamp earliest = as_of - longest;
        for (auto const& [office, each] : options.calendars)
            earliest = std::min(earliest, each.instant_before(as_of, longest));
        return std::min(options.from, earliest);
    }
    return std::min(options.from, calendar ? calendar->instant_before(as_of, longest) : as_of - longest);
}

std::int64_t percentile(std::vector<std::int64_t> values, int percent)
{
    if (values.empty())
        return 0;
    percent = std::clamp(percent, 0, 100);
    std::sort(values.begin(), values.end());
    auto const count = static_cast<std::int64_t>(values.size());
    // ceil(percent × n / 100), at least rank 1.
    std::int64_t rank = (std::int64_t { percent } * count + 99) / 100;
    rank = std::clamp<std::int64_t>(rank, 1, count);
    return values[static_cast<std::size_t>(rank - 1)];
}

namespace {

    // One case's walk through its log: where it is, since when, its step
    // visit under way, and what it met on the way.
    struct CaseWalk {
        std::string state;
        Timestamp since { 0 };
        std::optional<OpenVisit> open;
        bool returned { false };
        bool held { false };
        std::vector<HistoryEntry> history;
        std::optional<Timestamp> finished_at;
    };

    // The figures of one summary as the cases are walked, then finished
    // into the ReportSummary.
    class Tally {
    public:
        Tally(SopDefinition const& definition, ReportOptions const& options)
            : m_definition(definition)
            , m_options(options)
            , m_from(options.from)
            , m_as_of(std::min(options.to, options.now))
            , m_very_late_percent(std::max(options.very_late_factor_percent, 100))
            , m_total_standard_seconds(std::int64_t { total_standard_minutes(definition) } * 60)
        {
            m_summary.as_of = m_as_of;
        }

        void count_case(CaseHistory const& case_history);
        ReportSummary finish(std::vector<OutageRecord> const& outages);

    private:
        bool in_period(Timestamp at) const { return m_from <= at && at < m_as_of; }
        // A step's time: the office's working seconds, or wall-clock
        // seconds for an office without a calendar.
        std::int64_t working(Timestamp since, Timestamp until) const
        {
            return m_calendar ? m_calendar->seconds_between(since, until) : interval(since, until);
        }
        std::int64_t standard_seconds_of(std::string const& step_id) const;
        void count_state_at_as_of(std::string const& state, std::optional<OpenVisit> open, Timestamp since);
        void close_visit(OpenVisit const& visit, Id actor, Timestamp at);
        void count_in_period(ActionRecord const& action, std::optional<StateKind> to_kind, CaseWalk& walk);
        void move(ActionRecord const& action, CaseWalk& walk);
        void count_finished(Case const& item, CaseWalk const& walk);
        void add_step_rows();
        void add_totals();
        void add_outages(std::vector<OutageRecord> const& outages);
        void add_officers();

        SopDefinition const& m_definition;
        ReportOptions const& m_options;
        Timestamp const m_from;
        Timestamp const m_as_of;
        int const m_very_late_percent;
        std::int64_t const m_total_standard_seconds;
        WorkingCalendar const* m_calendar { nullptr }; // The office of the case being counted.
        ReportSummary m_summary;
        std::map<std::string, Samples> m_step_samples;
        std::map<std::string, Waiting> m_waiting;
        std::map<Id, OfficerTally> m_officers;
        Samples m_working;
        std::vector<std::int64_t> m_elapsed;
    };

    std::int64_t Tally::standard_seconds_of(std::string const& step_id) const
    {
        auto const* step = m_definition.find_step(step_id);
        return step ? std::int64_t { step->standard_minutes } * 60 : 0;
    }

    // The state of a case at `as_of`: `open` is its step visit, if it is in
    // a step, with the time counted up to `since`, its last move.
    void Tally::count_state_at_as_of(std::string const& state, std::optional<OpenVisit> open, Timestamp since)
    {
        auto const kind = m_definition.state_kind(state);
        if (kind == StateKind::Step && open) {
            add_to(open->seconds, working(since, m_as_of));
            auto const standard = standard_seconds_of(open->step);
            auto& row = m_waiting[open->step];
            ++row.cases;
            ++m_summary.in_progress;
            if (open->seconds > standard) {
                ++row.late;
                ++m_summary.late_now;
            }
            if (over(open->seconds, standard, m_very_late_percent)) {
                ++row.very_late;
                ++m_summary.very_late_now;
            }
        } else if (kind == StateKind::Returned) {
            ++m_summary.with_applicant;
        } else if (kind == StateKind::Held) {
            ++m_summary.held_now;
            add_to(m_summary.held_seconds, overlap(since, m_as_of, m_from, m_as_of));
        }
    }

    void Tally::close_visit(OpenVisit const& visit, Id actor, Timestamp at)
    {
        if (!in_period(at))
            return;
        auto const standard = standard_seconds_of(visit.step);
        m_step_samples[visit.step].add(visit.seconds, standard, m_very_late_percent);
        m_officers[actor].visits.add(visit.seconds, standard, m_very_late_percent);
    }

    // An action in the period: the officer's count, returns and holds with
    // their reasons.
    void Tally::count_in_period(ActionRecord const& action, std::optional<StateKind> to_kind, CaseWalk& walk)
    {
        ++m_officers[action.actor_id].actions;
        if (to_kind == StateKind::Returned) {
            ++m_summary.returns;
            walk.returned = true;
            for (auto const& reason : action.reasons)
                ++m_summary.returned_by_reason[reason];
        }
        if (to_kind == StateKind::Held) {
            ++m_summary.holds;
            walk.held = true;
            for (auto const& reason : action.reasons)
                ++m_summary.held_by_reason[reason];
        }
    }

    void Tally::move(ActionRecord const& action, CaseWalk& walk)
    {
        auto const from_kind = m_definition.state_kind(walk.state);
        auto const to_kind = m_definition.state_kind(action.to_state);
        if (from_kind == StateKind::Step && walk.open)
            add_to(walk.open->seconds, working(walk.since, action.at));
        if (from_kind == StateKind::Held)
            add_to(m_summary.held_seconds, overlap(walk.since, action.at, m_from, m_as_of));
        if (in_period(action.at))
            count_in_period(action, to_kind, walk);

        // A hold suspends the step visit; resuming into the same step
        // continues it. Any other move ends it, with the time counted so
        // far (the held time left out).
        bool const suspends = from_kind == StateKind::Step && to_kind == StateKind::Held;
        bool const resumes = from_kind == StateKind::Held && to_kind == StateKind::Step && walk.open && walk.open->step == action.to_state;
        // A case filed by mistake measures no step: its visit is dropped.
        if (to_kind == StateKind::Cancelled) {
            walk.open.reset();
            if (in_period(action.at))
                ++m_summary.cancelled;
        }
        if (walk.open && !suspends && !resumes) {
            close_visit(*walk.open, action.actor_id, action.at);
            walk.open.reset();
        }
        if (to_kind == StateKind::Step && !resumes)
            walk.open = OpenVisit { action.to_state, 0 };
        if (to_kind == StateKind::End)
            walk.finished_at = action.at;

        walk.history.push_back({ action.action, action.from_state, action.to_state, std::to_string(action.actor_id), action.at });
        walk.state = action.to_state;
        walk.since = std::max(walk.since, action.at);
    }

    void Tally::count_finished(Case const& item, CaseWalk const& walk)
    {
        if (!walk.finished_at || !in_period(*walk.finished_at))
            return;
        ++m_summary.finished;
        auto const timing = compute_timing(m_definition, item.created_at, walk.history, m_as_of, m_calendar);
        m_working.add(timing.working_seconds, m_total_standard_seconds, m_very_late_percent);
        m_elapsed.push_back(timing.elapsed_seconds);
        add_to(m_summary.total.returned_seconds, timing.returned_seconds);
        add_to(m_summary.total.held_seconds, timing.held_seconds);
    }

    void Tally::count_case(CaseHistory const& case_history)
    {
        auto const& [item, actions, idle] = case_history;
        if (m_options.office_id && item.office_id != *m_options.office_id)
            return;
        if (item.service_id != m_definition.id)
            return;
        if (item.created_at >= m_as_of)
            return;
        m_calendar = m_options.calendar_of(item.office_id);
        if (in_period(item.created_at))
            ++m_summary.received;
        if (idle) {
            auto const kind = m_definition.state_kind(item.state);
            count_state_at_as_of(item.state, kind == StateKind::Step ? std::optional(OpenVisit { item.state, 0 }) : std::nullopt, item.updated_at);
            return;
        }
        CaseWalk walk { .state = m_definition.initial_step, .since = item.created_at, .open = OpenVisit { m_definition.initial_step, 0 } };
        for (auto const& action : actions) {
            if (action.at >= m_as_of)
                break;
            // Storage opens every log with the row that created the case
            // (from no state into the initial step): it is not a move, and
            // the initial step's visit already runs from created_at.
            if (action.from_state.empty())
                continue;
            move(action, walk);
        }
        if (walk.returned)
            ++m_summary.returned_cases;
        if (walk.held)
            ++m_summary.held_cases;
        count_state_at_as_of(walk.state, walk.open, walk.since);
        count_finished(item, walk);
    }

    void Tally::add_step_rows()
    {
        for (auto const& step : m_definition.steps) {
            StepFigures row;
            row.step_id = step.id;
            row.standard_minutes = step.standard_minutes;
            if (auto found = m_step_samples.find(step.id); found != m_step_samples.end()) {
                auto const& samples = found->second;
                row.visits = static_cast<std::int64_t>(samples.seconds.size());
                row.on_time = samples.on_time;
                row.on_time_share = share(samples.on_time, row.visits);
                row.late = samples.late;
                row.very_late = samples.very_late;
                row.median_seconds = percentile(samples.seconds, 50);
                row.p90_seconds = percentile(samples.seconds, 90);
            }
            if (auto found = m_waiting.find(step.id); found != m_waiting.end()) {
                row.waiting_now = found->second.cases;
                row.late_now = found->second.late;
                row.very_late_now = found->second.very_late;
            }
            m_summary.steps.push_back(std::move(row));
        }
    }

    void Tally::add_totals()
    {
        auto& total = m_summary.total;
        total.standard_minutes = total_standard_minutes(m_definition);
        total.cases = static_cast<std::int64_t>(m_working.seconds.size());
        total.on_time = m_working.on_time;
        total.on_time_share = share(m_working.on_time, total.cases);
        total.late = m_working.late;
        total.very_late = m_working.very_late;
        total.median_working_seconds = percentile(m_working.seconds, 50);
        total.p90_working_seconds = percentile(m_working.seconds, 90);
        total.median_elapsed_seconds = percentile(m_elapsed, 50);
        total.p90_elapsed_seconds = percentile(m_elapsed, 90);
    }

    void Tally::add_outages(std::vector<OutageRecord> const& outages)
    {
        std::vector<std::pair<Timestamp, Timestamp>> all_spans;
        std::map<std::string, std::vector<std::pair<Timestamp, Timestamp>>> spans_by_kind;
        for (auto const& outage : outages) {
            if (m_options.office_id && outage.office_id != *m_options.office_id)
                continue;
            Timestamp const start = std::max(outage.started_at, m_from);
            Timestamp const end = std::min(outage.ended_at.value_or(m_as_of), m_as_of);
            if (end <= start)
                continue;
            ++m_summary.outages;
            all_spans.emplace_back(start, end);
            spans_by_kind[outage.kind].emplace_back(start, end);
        }
        m_summary.outage_seconds = union_seconds(std::move(all_spans));
        for (auto& [kind, spans] : spans_by_kind)
            m_summary.outage_seconds_by_kind[kind] = union_seconds(std::move(spans));
    }

    void Tally::add_officers()
    {
        for (auto const& [user_id, tally] : m_officers) {
            OfficerFigures row;
            row.user_id = user_id;
            row.actions = tally.actions;
            row.visits = static_cast<std::int64_t>(tally.visits.seconds.size());
            row.on_time = tally.visits.on_time;
            row.median_seconds = percentile(tally.visits.seconds, 50);
            row.p90_seconds = percentile(tally.visits.seconds, 90);
            m_summary.officers.push_back(row);
        }
    }

    ReportSummary Tally::finish(std::vector<OutageRecord> const& outages)
    {
        add_step_rows();
        add_totals();
        add_outages(outages);
        add_officers();
        return std::move(m_summary);
    }

}

ReportSummary summarize(SopDefinition const& definition, std::vector<CaseHistory> const& cases, std::vector<OutageRecord> const& outages,
    ReportOptions const& options)
{
    Tally tally(definition, options);
    for (auto const& one : cases)
        tally.count_case(one);
    return tally.finish(outages);
}
}
