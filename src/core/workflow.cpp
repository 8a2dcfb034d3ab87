#include "core/workflow.hpp"

#include <algorithm>
#include <limits>

namespace sopir {

namespace {

    // Long enough for any note a person types at a counter; short enough that a
    // pasted document does not end up in the action log.
    constexpr std::size_t k_max_value_length = 10000;
    constexpr std::size_t k_max_number_length = 32;

    Error coded(Error error, std::string code)
    {
        error.code = std::move(code);
        return error;
    }

    std::string trim(std::string_view text)
    {
        auto const first = text.find_first_not_of(" \t\r\n");
        if (first == std::string_view::npos)
            return {};
        auto const last = text.find_last_not_of(" \t\r\n");
        return std::string(text.substr(first, last - first + 1));
    }

    std::string quoted(std::string_view text)
    {
        // Appended rather than `"'" + std::string(text) + "'"`, which g++ 12
        // at -O3 (Release) wrongly reports as an overlapping memcpy
        // (-Wrestrict, GCC bug 105329).
        std::string result;
        result.reserve(text.size() + 2);
        result += '\'';
        result += text;
        result += '\'';
        return result;
    }

    std::string lower(std::string_view text)
    {
        std::string result(text);
        for (char& c : result) {
            if (c >= 'A' && c <= 'Z')
                c = static_cast<char>(c - 'A' + 'a');
        }
        return result;
    }

    // The label of an action wherever it is offered (an id like "perbaiki" may
    // be offered by more than one step, under the same label).
    std::string action_label(SopDefinition const& definition, std::string_view action_id)
    {
        auto search = [&](auto const& owners) -> ActionDefinition const* {
            for (auto const& owner : owners) {
                for (auto const& action : owner.actions) {
                    if (action.id == action_id)
                        return &action;
                }
            }
            return nullptr;
        };
        if (auto const* action = search(definition.steps))
            return action->label;
        if (auto const* action = search(definition.states))
            return action->label;
        return std::string(action_id);
    }

    std::string state_name(SopDefinition const& definition, std::string_view state)
    {
        return definition.state_label(state) + " (" + std::string(state) + ")";
    }

    std::string join_role_titles(SopDefinition const& definition, std::vector<std::string> const& roles)
    {
        std::string result;
        for (std::size_t i = 0; i < roles.size(); ++i) {
            if (i > 0)
                result += i + 1 == roles.size() ? " atau " : ", ";
            result += definition.role_title(roles[i]);
        }
        return result;
    }

    bool may_act(ActionDefinition const& action, Actor const& actor)
    {
        return std::any_of(action.roles.begin(), action.roles.end(), [&](auto const& role) { return actor.has_role(role); });
    }

    // Segregation of duties: the earlier action of a rule this actor performed on
    // the case, if it forbids `action_id` now.
    struct SegregationConflict {
        SegregationRule const* rule { nullptr };
        std::string earlier_action;
    };

    std::optional<SegregationConflict> segregation_conflict(SopDefinition const& definition, CaseSnapshot const& snapshot, std::string_view action_id, Actor const& actor)
    {
        for (auto const& rule : definition.segregation) {
            if (std::find(rule.actions.begin(), rule.actions.end(), action_id) == rule.actions.end())
                continue;
            for (auto const& entry : snapshot.history) {
                if (entry.actor_id != actor.user_id || entry.action_id == action_id)
                    continue;
                if (std::find(rule.actions.begin(), rule.actions.end(), entry.action_id) != rule.actions.end())
                    return SegregationConflict { &rule, entry.action_id };
            }
        }
        return std::nullopt;
    }

    bool is_number(std::string_view text)
    {
        if (text.empty() || text.size() > k_max_number_length)
            return false;
        std::size_t i = 0;
        if (text[i] == '-')
            ++i;
        auto digits = [&] {
            std::size_t const start = i;
            while (i < text.size() && text[i] >= '0' && text[i] <= '9')
                ++i;
            return i > start;
        };
        if (!digits())
            return false;
        if (i < text.size() && (text[i] == '.' || text[i] == ',')) {
            ++i;
            if (!digits())
                return false;
        }
        return i == text.size();
    }

    std::vector<std::string> split_list(std::string_view text)
    {
        std::vector<std::string> items;
        std::size_t start = 0;
        while (start <= text.size()) {
            auto const comma = text.find(',', start);
            auto const end = comma == std::string_view::npos ? text.size() : comma;
            std::string item = trim(text.substr(start, end - start));
            if (!item.empty())
                items.push_back(std::move(item));
            if (comma == std::string_view::npos)
                break;
            start = comma + 1;
        }
        return items;
    }

    FieldOption const* find_option(FieldDefinition const& field, std::string_view id)
    {
        for (auto const& option : field.options) {
            if (option.id == id)
                return &option;
        }
        return nullptr;
    }

    // The field's value in its canonical form, or why it is not one; an empty
    // result means "not given".
    Result<std::string> normalize_field(FieldDefinition const& field, std::string_view raw)
    {
        auto invalid = [&](std::string message, char const* code) {
            return coded(Error::invalid(field.name, std::move(message)), code);
        };
        std::string const label = quoted(field.label);
        if (raw.size() > k_max_value_length)
            return invalid(label + " terlalu panjang (lebih dari " + std::to_string(k_max_value_length) + " karakter).", "workflow.field_too_long");
        std::string value = trim(raw);
        if (value.empty())
            return std::string();

        switch (field.type) {
        case FieldType::Text:
            if (value.find_first_of("\r\n") != std::string::npos)
                return invalid(label + " harus satu baris.", "workflow.field_type");
            return value;
        case FieldType::LongText: {
            std::string unified;
            for (char c : value) {
                if (c != '\r')
                    unified += c;
            }
            return unified;
        }
        case FieldType::Date:
            if (auto date = parse_typed_date(value))
                return to_iso(*date);
            return invalid(label + " harus tanggal yang sah, ditulis HH-BB-TTTT, bukan " + quoted(value) + ".", "workflow.field_type");
        case FieldType::Number:
            if (!is_number(value))
                return invalid(label + " harus angka, bukan " + quoted(value) + ".", "workflow.field_type");
            // A decimal comma is how numbers are written in Indonesia.
            std::replace(value.begin(), value.end(), ',', '.');
            return value;
        case FieldType::Bool: {
            std::string const word = lower(value);
            if (word == "true" || word == "ya" || word == "on" || word == "1")
                return std::string("true");
            if (word == "false" || word == "tidak" || word == "off" || word == "0")
                return std::string("false");
            return invalid(label + " harus ya atau tidak, bukan " + quoted(value) + ".", "workflow.field_type");
        }
        case FieldType::Enum:
            if (!find_option(field, value))
                return invalid(quoted(value) + " bukan pilihan untuk " + label + ".", "workflow.field_option");
            return value;
        case FieldType::Checklist: {
            std::set<std::string> ticked;
            for (auto const& item : split_list(value)) {
                if (!find_option(field, item))
                    return invalid(quoted(item) + " bukan pilihan untuk " + label + ".", "workflow.field_option");
                if (!ticked.insert(item).second)
                    return invalid(quoted(item) + " dicentang dua kali pada " + label + ".", "workflow.field_option");
            }
            std::string canonical;
            for (auto const& option : field.options) {
                if (!ticked.count(option.id))
                    continue;
                if (!canonical.empty())
                    canonical += ',';
                canonical += option.id;
            }
            return canonical;
        }
        }
        return value;
    }

    Result<ActionData> validate_data(ActionDefinition const& action, ActionData const& data)
    {
        ActionData normalized;
        std::string const action_name = quoted(action.label);

        for (auto const& given : data.fields) {
            std::string const& name = given.first;
            bool const known = std::any_of(action.fields.begin(), action.fields.end(), [&](auto const& field) { return field.name == name; });
            if (!known)
                return coded(Error::invalid(name, "Isian " + quoted(name) + " tidak dikenal untuk aksi " + action_name + "."), "workflow.unknown_field");
        }

        std::string const reasons_field(k_reasons_field);
        std::string const note_field(k_note_field);
        if (!data.reasons.empty() && action.reasons.empty())
            return coded(Error::invalid(reasons_field, "Aksi " + action_name + " tidak memakai alasan."), "workflow.unknown_reason");
        std::set<std::string> chosen;
        for (auto const& reason : data.reasons) {
            bool const listed = std::any_of(action.reasons.begin(), action.reasons.end(), [&](auto const& r) { return r.id == reason; });
            if (!listed)
                return coded(Error::invalid(reasons_field, "Alasan " + quoted(reason) + " tidak ada dalam daftar alasan untuk " + action_name + "."), "workflow.unknown_reason");
            if (!chosen.insert(reason).second)
                return coded(Error::invalid(reasons_field, "Alasan " + quoted(reason) + " dipilih dua kali."), "workflow.duplicate_reason");
        }
        if (action.reasons_required && chosen.empty())
            return coded(Error::invalid(reasons_field, "Pilih sedikitnya satu alasan untuk " + action_name + "."), "workflow.reasons_required");

        if (data.note.size() > k_max_value_length)
            return coded(Error::invalid(note_field, "Catatan terlalu panjang (lebih dari " + std::to_string(k_max_value_length) + " karakter)."), "workflow.field_too_long");
        normalized.note = trim(data.note);
        if (action.note_required && normalized.note.empty())
            return coded(Error::invalid(note_field, "Catatan wajib diisi untuk " + action_name + "."), "workflow.note_required");
        for (auto const& reason : action.reasons) {
            if (!chosen.count(reason.id))
                continue;
            if (reason.note_required && normalized.note.empty())
                return coded(Error::invalid(note_field, "Alasan " + quoted(reason.label) + " perlu catatan yang menjelaskannya."), "workflow.note_required");
            normalized.reasons.push_back(reason.id);
        }

        for (auto const& field : action.fields) {
            auto given = data.fields.find(field.name);
            std::string value;
            if (given != data.fields.end()) {
                auto canonical = normalize_field(field, given->second);
                if (!canonical)
                    return canonical.error();
                value = std::move(*canonical);
            }
            std::string const label = quoted(field.label);
            if (field.required) {
                if (value.empty())
                    return coded(Error::invalid(field.name, label + " wajib diisi."), "workflow.field_required");
                if (field.type == FieldType::Bool && value != "true")
                    return coded(Error::invalid(field.name, label + " wajib dicentang."), "workflow.field_required");
            }
            // An optional checklist is checked when it is sent: the staff
            // form always sends it, an API client may leave it out.
            if (field.all_required && (field.required || given != data.fields.end())) {
                // The SOP's first warning: a file whose requirements are not all
                // met cannot proceed; it is returned instead.
                auto const ticked = split_list(value);
                std::string missing;
                for (auto const& option : field.options) {
                    if (std::find(ticked.begin(), ticked.end(), option.id) != ticked.end())
                        continue;
                    if (!missing.empty())
                        missing += ", ";
                    missing += option.label;
                }
                if (!missing.empty())
                    return coded(Error::invalid(field.name, label + " belum lengkap: " + missing + " belum dicentang. Berkas yang belum lengkap dikembalikan kepada pemohon."), "workflow.incomplete");
            }
            if (!value.empty())
                normalized.fields[field.name] = std::move(value);
        }
        return normalized;
    }

}

Result<Transition> apply_action(SopDefinition const& definition, CaseSnapshot const& snapshot, std::string_view action_id, Actor const& actor, ActionData const& data)
{
    auto const kind = definition.state_kind(snapshot.state);
    if (!kind)
        return coded(Error::invalid_transition("Status perkara " + quoted(snapshot.state) + " tidak dikenal dalam SOP " + quoted(definition.id) + "."), "workflow.unknown_state");
    if (is_closed(*kind))
        return coded(Error::invalid_transition("Perkara sudah berstatus " + state_name(definition, snapshot.state) + "; aksi " + quoted(action_id) + " tidak dapat dilakukan lagi."), "workflow.finished");
    auto const* action = definition.find_action(snapshot.state, action_id);
    if (!action)
        return coded(Error::invalid_transition("Aksi " + quoted(action_id) + " tidak tersedia saat perkara berada di " + state_name(definition, snapshot.state) + "."), "workflow.action_unavailable");

    if (actor.user_id.empty())
        return coded(Error::forbidden("Pelaku aksi tidak dikenal (tanpa id pengguna)."), "workflow.no_actor");
    if (!may_act(*action, actor))
        return coded(Error::forbidden("Aksi " + quoted(action->label) + " hanya boleh dilakukan oleh " + join_role_titles(definition, action->roles) + "."), "workflow.role");
    if (auto conflict = segregation_conflict(definition, snapshot, action_id, actor)) {
        std::string message = "Pemisahan tugas: Anda sudah melakukan " + quoted(action_label(definition, conflict->earlier_action)) + " pada perkara ini, jadi tidak boleh melakukan " + quoted(action->label) + ".";
        if (!conflict->rule->reason.empty())
            message += " " + conflict->rule->reason;
        return coded(Error::forbidden(message), "workflow.segregation");
    }

    auto normalized = validate_data(*action, data);
    if (!normalized)
        return normalized.error();

    Transition transition;
    transition.action_id = action->id;
    transition.from_state = snapshot.state;
    transition.to_state = action->target;
    transition.to_kind = definition.state_kind(action->target).value_or(StateKind::Step);
    transition.takes_number = action->takes_number;
    transition.letter = action->letter;
    transition.data = std::move(*normalized);
    return transition;
}

std::vector<ActionDefinition const*> available_actions(SopDefinition const& definition, std::string_view state, Actor const& actor)
{
    std::vector<ActionDefinition const*> result;
    if (auto const* actions = definition.actions_in(state)) {
        for (auto const& action : *actions) {
            if (may_act(action, actor))
                result.push_back(&action);
        }
    }
    return result;
}

std::vector<ActionDefinition const*> available_actions(SopDefinition const& definition, CaseSnapshot const& snapshot, Actor const& actor)
{
    auto result = available_actions(definition, snapshot.state, actor);
    std::erase_if(result, [&](ActionDefinition const* action) { return segregation_conflict(definition, snapshot, action->id, actor).has_value(); });
    return result;
}

// Seconds from `since` to `until`, zero when the clock ran backwards. Both
// this and the sums saturate, so absurd timestamps cannot overflow.
static std::int64_t interval(Timestamp since, Timestamp until)
{
    std::int64_t result = 0;
    if (until <= since)
        return 0;
    if (__builtin_sub_overflow(until, since, &result))
        return std::numeric_limits<std::int64_t>::max();
    return result;
}

static void add_to(std::int64_t& total, std::int64_t seconds)
{
    if (__builtin_add_overflow(total, seconds, &total))
        total = std::numeric_limits<std::int64_t>::max();
}

CaseTiming compute_timing(SopDefinition const& definition, Timestamp created_at, std::span<HistoryEntry const> history, Timestamp now,
    WorkingCalendar const* calendar)
{
    // Per state, the wall-clock seconds and, with a calendar, the working
    // seconds: a step's time is its working time, other states' their
    // wall-clock time (an outage or the applicant keep no office hours).
    struct Spent {
        std::int64_t wall { 0 };
        std::int64_t working { 0 };
    };
    std::map<std::string, Spent> seconds;
    std::map<std::string, int> visits;
    std::int64_t wall = 0;
    auto add_time = [&](std::string const& state, Timestamp since, Timestamp until) {
        std::int64_t const spent = interval(since, until);
        add_to(wall, spent);
        auto& into = seconds[state];
        add_to(into.wall, spent);
        add_to(into.working, calendar ? calendar->seconds_between(since, until) : spent);
    };

    std::string current = definition.initial_step;
    Timestamp since = created_at;
    visits[current] = 1;
    std::optional<Timestamp> finished_at;
    for (auto const& entry : history) {
        add_time(current, since, entry.at);
        since = std::max(since, entry.at);
        if (entry.to_state != current)
            ++visits[entry.to_state];
        current = entry.to_state;
    }
    if (auto const kind = definition.state_kind(current); kind && is_closed(*kind))
        finished_at = since;
    else
        add_time(current, since, now);

    CaseTiming timing;
    timing.current_state = current;
    timing.finished_at = finished_at;
    for (auto const& step : definition.steps) {
        StepTiming row;
        row.step_id = step.id;
        row.seconds_spent = seconds[step.id].working;
        row.standard_seconds = std::int64_t { step.standard_minutes } * 60;
        row.late_by = interval(row.standard_seconds, row.seconds_spent);
        row.on_time = row.late_by == 0;
        row.visits = visits[step.id];
        row.current = !finished_at && current == step.id;
        add_to(timing.working_seconds, row.seconds_spent);
        add_to(timing.standard_seconds, row.standard_seconds);
        timing.steps.push_back(std::move(row));
    }
    for (auto const& state : definition.states) {
        if (is_closed(state.kind))
            continue;
        StateTiming row { state.id, state.kind, seconds[state.id].wall, visits[state.id], current == state.id };
        add_to(state.kind == StateKind::Held ? timing.held_seconds : timing.returned_seconds, row.seconds);
        timing.states.push_back(std::move(row));
    }
    for (auto const& [state, spent] : seconds) {
        if (!definition.state_kind(state))
            add_to(timing.other_seconds, spent.wall);
    }
    timing.late_by = interval(timing.standard_seconds, timing.working_seconds);
    timing.on_time = timing.late_by == 0;
    timing.elapsed_seconds = wall;
    return timing;
}

CaseTiming compute_timing(SopDefinition const& definition, CaseSnapshot const& snapshot, Timestamp now, WorkingCalendar const* calendar)
{
    return compute_timing(definition, snapshot.created_at, std::span<HistoryEntry const>(snapshot.history), now, calendar);
}

}
