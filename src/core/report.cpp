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

Timestamp idle_before(SopDefinition const& definition, ReportOptions const& options)
{
    int const very_late_percent = std::max(options.very_late_factor_percent, 100);
    std::int64_t longest = 0;
    for (auto const& step : definition.steps)
        longest = std::max(longest, std::int64_t { step.standard_minutes } * 60 * very_late_percent / 100 + 1);
    Timestamp const as_of = std::min(options.to, options.now);
    return std::min(options.from, as_of - longest);
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

ReportSummary summarize(SopDefinition const& definition, std::vector<CaseHistory> const& cases, std::vector<OutageRecord> const& outages,
    ReportOptions const& options)
{
    ReportSummary summary;
    Timestamp const from = options.from;
    Timestamp const as_of = std::min(options.to, options.now);
    int const very_late_percent = std::max(options.very_late_factor_percent, 100);
    auto const in_period = [&](Timestamp at) { return from <= at && at < as_of; };
    summary.as_of = as_of;

    std::map<std::string, Samples> step_samples;
    std::map<std::string, Waiting> waiting;
    std::map<Id, OfficerTally> officers;
    Samples working;
    std::vector<std::int64_t> elapsed;
    std::int64_t const total_standard_seconds = std::int64_t { total_standard_minutes(definition) } * 60;

    auto standard_seconds_of = [&](std::string const& step_id) -> std::int64_t {
        auto const* step = definition.find_step(step_id);
        return step ? std::int64_t { step->standard_minutes } * 60 : 0;
    };

    // The state of a case at `as_of`: `open` is its step visit, if it is in
    // a step, with the time counted up to `since`, its last move.
    auto count_state_at_as_of = [&](std::string const& state, std::optional<OpenVisit> open, Timestamp since) {
        auto const kind = definition.state_kind(state);
        if (kind == StateKind::Step && open) {
            add_to(open->seconds, interval(since, as_of));
            auto const standard = standard_seconds_of(open->step);
            auto& row = waiting[open->step];
            ++row.cases;
            ++summary.in_progress;
            if (open->seconds > standard) {
                ++row.late;
                ++summary.late_now;
            }
            if (over(open->seconds, standard, very_late_percent)) {
                ++row.very_late;
                ++summary.very_late_now;
            }
        } else if (kind == StateKind::Returned) {
            ++summary.with_applicant;
        } else if (kind == StateKind::Held) {
            ++summary.held_now;
            add_to(summary.held_seconds, overlap(since, as_of, from, as_of));
        }

    };

    for (auto const& [item, actions, idle] : cases) {
        if (options.office_id && item.office_id != *options.office_id)
            continue;
        if (item.service_id != definition.id)
            continue;
        if (item.created_at >= as_of)
            continue;
        if (in_period(item.created_at))
            ++summary.received;
        if (idle) {
            auto const kind = definition.state_kind(item.state);
            count_state_at_as_of(item.state, kind == StateKind::Step ? std::optional(OpenVisit { item.state, 0 }) : std::nullopt, item.updated_at);
            continue;
        }

        auto close_visit = [&](OpenVisit const& visit, Id actor, Timestamp at) {
            if (!in_period(at))
                return;
            auto const standard = standard_seconds_of(visit.step);
            step_samples[visit.step].add(visit.seconds, standard, very_late_percent);
            officers[actor].visits.add(visit.seconds, standard, very_late_percent);
        };

        std::string state = definition.initial_step;
        Timestamp since = item.created_at;
        std::optional<OpenVisit> open = OpenVisit { state, 0 };
        bool returned = false;
        bool held = false;
        std::vector<HistoryEntry> history;
        std::optional<Timestamp> finished_at;

        for (auto const& action : actions) {
            if (action.at >= as_of)
                break;
            // Storage opens every log with the row that created the case
            // (from no state into the initial step): it is not a move, and
            // the initial step's visit already runs from created_at.
            if (action.from_state.empty())
                continue;
            auto const from_kind = definition.state_kind(state);
            auto const to_kind = definition.state_kind(action.to_state);
            auto const spent = interval(since, action.at);
            if (from_kind == StateKind::Step && open)
                add_to(open->seconds, spent);
            if (from_kind == StateKind::Held)
                add_to(summary.held_seconds, overlap(since, action.at, from, as_of));

            if (in_period(action.at)) {
                ++officers[action.actor_id].actions;
                if (to_kind == StateKind::Returned) {
                    ++summary.returns;
                    returned = true;
                    for (auto const& reason : action.reasons)
                        ++summary.returned_by_reason[reason];
                }
                if (to_kind == StateKind::Held) {
                    ++summary.holds;
                    held = true;
                    for (auto const& reason : action.reasons)
                        ++summary.held_by_reason[reason];
                }
            }

            // A hold suspends the step visit; resuming into the same step
            // continues it. Any other move ends it, with the time counted so
            // far (the held time left out).
            bool const suspends = from_kind == StateKind::Step && to_kind == StateKind::Held;
            bool const resumes = from_kind == StateKind::Held && to_kind == StateKind::Step && open && open->step == action.to_state;
            // A case filed by mistake measures no step: its visit is dropped.
            if (to_kind == StateKind::Cancelled) {
                open.reset();
                if (in_period(action.at))
                    ++summary.cancelled;
            }
            if (open && !suspends && !resumes) {
                close_visit(*open, action.actor_id, action.at);
                open.reset();
            }
            if (to_kind == StateKind::Step && !resumes)
                open = OpenVisit { action.to_state, 0 };
            if (to_kind == StateKind::End)
                finished_at = action.at;

            history.push_back({ action.action, action.from_state, action.to_state, std::to_string(action.actor_id), action.at });
            state = action.to_state;
            since = std::max(since, action.at);
        }

        if (returned)
            ++summary.returned_cases;
        if (held)
            ++summary.held_cases;

        count_state_at_as_of(state, open, since);
        if (finished_at && in_period(*finished_at)) {
            ++summary.finished;
            auto const timing = compute_timing(definition, item.created_at, history, as_of);
            working.add(timing.working_seconds, total_standard_seconds, very_late_percent);
            elapsed.push_back(timing.elapsed_seconds);
            add_to(summary.total.returned_seconds, timing.returned_seconds);
            add_to(summary.total.held_seconds, timing.held_seconds);
        }
    }

    for (auto const& step : definition.steps) {
        StepFigures row;
        row.step_id = step.id;
        row.standard_minutes = step.standard_minutes;
        if (auto found = step_samples.find(step.id); found != step_samples.end()) {
            auto const& samples = found->second;
            row.visits = static_cast<std::int64_t>(samples.seconds.size());
            row.on_time = samples.on_time;
            row.on_time_share = share(samples.on_time, row.visits);
            row.late = samples.late;
            row.very_late = samples.very_late;
            row.median_seconds = percentile(samples.seconds, 50);
            row.p90_seconds = percentile(samples.seconds, 90);
        }
        if (auto found = waiting.find(step.id); found != waiting.end()) {
            row.waiting_now = found->second.cases;
            row.late_now = found->second.late;
            row.very_late_now = found->second.very_late;
        }
        summary.steps.push_back(std::move(row));
    }

    auto& total = summary.total;
    total.standard_minutes = total_standard_minutes(definition);
    total.cases = static_cast<std::int64_t>(working.seconds.size());
    total.on_time = working.on_time;
    total.on_time_share = share(working.on_time, total.cases);
    total.late = working.late;
    total.very_late = working.very_late;
    total.median_working_seconds = percentile(working.seconds, 50);
    total.p90_working_seconds = percentile(working.seconds, 90);
    total.median_elapsed_seconds = percentile(elapsed, 50);
    total.p90_elapsed_seconds = percentile(elapsed, 90);

    std::vector<std::pair<Timestamp, Timestamp>> all_spans;
    std::map<std::string, std::vector<std::pair<Timestamp, Timestamp>>> spans_by_kind;
    for (auto const& outage : outages) {
        if (options.office_id && outage.office_id != *options.office_id)
            continue;
        Timestamp const start = std::max(outage.started_at, from);
        Timestamp const end = std::min(outage.ended_at.value_or(as_of), as_of);
        if (end <= start)
            continue;
        ++summary.outages;
        all_spans.emplace_back(start, end);
        spans_by_kind[outage.kind].emplace_back(start, end);
    }
    summary.outage_seconds = union_seconds(std::move(all_spans));
    for (auto& [kind, spans] : spans_by_kind)
        summary.outage_seconds_by_kind[kind] = union_seconds(std::move(spans));

    for (auto const& [user_id, tally] : officers) {
        OfficerFigures row;
        row.user_id = user_id;
        row.actions = tally.actions;
        row.visits = static_cast<std::int64_t>(tally.visits.seconds.size());
        row.on_time = tally.visits.on_time;
        row.median_seconds = percentile(tally.visits.seconds, 50);
        row.p90_seconds = percentile(tally.visits.seconds, 90);
        summary.officers.push_back(row);
    }
    return summary;
}

}
