// libFuzzer target: arbitrary text into the SOP loader, which must never
// throw or crash and must explain every refusal. When the text loads, a case
// is walked through it with actions chosen by the input's bytes, so the
// workflow engine and the timing run on definitions no one wrote by hand,
// and what it accepted of the form, rules and letter is checked to hold
// together.

#include "core/sop.hpp"
#include "core/workflow.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

using namespace sopir;

namespace {

void require(bool condition)
{
    if (!condition)
        std::abort();
}

// A value the field accepts, so that walks get past required fields.
std::string valid_value(FieldDefinition const& field)
{
    switch (field.type) {
    case FieldType::Text:
    case FieldType::LongText:
        return "isi";
    case FieldType::Date:
        return "2026-11-23";
    case FieldType::Number:
        return "1";
    case FieldType::Bool:
        return "ya";
    case FieldType::Enum:
        return field.options.empty() ? "" : field.options.front().id;
    case FieldType::Checklist: {
        std::string all;
        for (auto const& option : field.options)
            all += (all.empty() ? "" : ",") + option.id;
        return all;
    }
    }
    return "";
}

void walk(SopDefinition const& definition, std::string_view choices)
{
    CaseSnapshot snapshot { .state = definition.initial_step, .created_at = 1000, .history = {} };
    Timestamp now = 1000;
    for (std::size_t turn = 0; turn < 64; ++turn) {
        unsigned char const choice = choices.empty() ? 0 : static_cast<unsigned char>(choices[turn % choices.size()]);
        auto const* actions = definition.actions_in(snapshot.state);
        require(actions != nullptr);
        if (actions->empty()) {
            require(definition.state_kind(snapshot.state) == StateKind::End);
            break;
        }
        auto const& action = (*actions)[choice % actions->size()];
        // Two people share the work, so segregation of duties sometimes refuses.
        Actor actor { .user_id = (choice & 0x40) ? "a" : "b", .roles = { action.roles.begin(), action.roles.end() } };

        ActionData data;
        if (!(choice & 0x20)) {
            data.note = "catatan";
            if (!action.reasons.empty())
                data.reasons.push_back(action.reasons[choice % action.reasons.size()].id);
            for (auto const& field : action.fields)
                data.fields[field.name] = valid_value(field);
        }
        auto result = apply_action(definition, snapshot, action.id, actor, data);
        if (!result.ok()) {
            require(!result.error().message.empty());
            // Both people are refused only by segregation; a third acts.
            actor.user_id = "c" + std::to_string(turn);
            data.note = "catatan";
            for (auto const& field : action.fields)
                data.fields[field.name] = valid_value(field);
            if (action.reasons_required && data.reasons.empty())
                data.reasons.push_back(action.reasons.front().id);
            // With every role, a fresh person and valid data, nothing may refuse.
            result = apply_action(definition, snapshot, action.id, actor, data);
            require(result.ok());
        }
        require(result->from_state == snapshot.state);
        require(definition.state_kind(result->to_state).has_value());
        require(!available_actions(definition, snapshot.state, actor).empty());
        now += choice;
        snapshot.history.push_back({ result->action_id, result->from_state, result->to_state, actor.user_id, now });
        snapshot.state = result->to_state;
    }

    auto bad = apply_action(definition, snapshot, "tidak_ada", Actor { .user_id = "x", .roles = {} }, {});
    require(!bad.ok());

    auto const timing = compute_timing(definition, snapshot, now + 60);
    require(timing.steps.size() == definition.steps.size());
    require(timing.current_state == snapshot.state);
    std::int64_t total = 0;
    for (auto const& row : timing.steps) {
        require(row.seconds_spent >= 0 && row.late_by >= 0);
        total += row.seconds_spent;
    }
    require(total == timing.working_seconds);
}

// What the loader promises of a definition it accepts: the form has one
// subject, every name the documents, rules and letter use names something.
void inspect(SopDefinition const& definition)
{
    auto const& form = definition.form;
    if (!form.groups.empty()) {
        require(form.subject() != nullptr);
        require(form.subject()->kind != GroupKind::Rows);
    }
    for (auto const& group : form.groups) {
        require(form.find_group(group.id) == &group);
        require(group.kind != GroupKind::Rows || group.max_rows == 0 || group.min_rows <= group.max_rows);
        for (auto const& field : group.fields) {
            require(form.find_field(group.id + "." + field.name) == &field);
            require(field.type != InputType::Select || !field.options.empty() || !field.vocabulary.empty());
            require(parse_input_type(to_string(field.type)) == field.type);
        }
    }
    for (auto const& document : definition.documents) {
        require(document.equals.empty() || form.find_field(document.equals) != nullptr);
        for (auto const& other : document.alternatives)
            require(definition.find_document(other) != nullptr);
    }
    for (auto const& rule : definition.rules)
        require(!rule.check.empty());
    if (definition.letter) {
        require(definition.find_role(definition.letter->signer_role) != nullptr);
        auto const* book = definition.find_register(definition.letter->register_id);
        require(book != nullptr && book->kind == RegisterKind::Letter);
        for (auto const& block : definition.letter->body) {
            if (block.kind == LetterBlockTemplate::Kind::Rows)
                require(form.find_group(block.rows) != nullptr && form.find_group(block.rows)->kind == GroupKind::Rows);
        }
    }
}

}

extern "C" int LLVMFuzzerTestOneInput(uint8_t const* bytes, size_t size)
{
    std::string_view const text(reinterpret_cast<char const*>(bytes), size);
    auto check = check_sop(text, "fuzz.toml");
    if (!check.ok()) {
        require(!check.diagnostics.empty());
        for (auto const& diagnostic : check.diagnostics)
            require(!to_string(diagnostic).empty());
        return 0;
    }
    require(check.diagnostics.empty());
    require(total_standard_minutes(*check.definition) > 0);
    inspect(*check.definition);
    walk(*check.definition, text.substr(size / 2));
    return 0;
}
