// Holding the cases of a step for an outage in one go, and resuming them when
// it ends. Each hold and resumption is an ordinary action on the case's own
// chain, checked by the workflow engine for this person's role as any other;
// its data names the outage ("gangguan"), and outage_holds finds the cases
// again from the outage.
#include "desk/desk.hpp"

#include "core/text.hpp"

#include <algorithm>
#include <map>

namespace sopir::desk {

namespace {

    // The action of `state` that holds a case (its target a held state).
    ActionDefinition const* hold_action(SopDefinition const& definition, std::string const& state)
    {
        auto const* step = definition.find_step(state);
        if (!step)
            return nullptr;
        for (auto const& action : step->actions)
            if (definition.state_kind(action.target) == StateKind::Held)
                return &action;
        return nullptr;
    }

    // The action of the held state `held` that takes a case back to `step`.
    ActionDefinition const* resume_action(SopDefinition const& definition, std::string const& held, std::string const& step)
    {
        for (auto const& state : definition.states)
            if (state.id == held)
                for (auto const& action : state.actions)
                    if (action.target == step)
                        return &action;
        return nullptr;
    }

    // The hold's reason for the outage's kind: the SOP's reason for that kind
    // of outage when it lists one under a usual id, else "lainnya" (which
    // asks for the note the hold carries), else its first.
    std::vector<std::string> hold_reasons(ActionDefinition const& hold, std::string const& kind)
    {
        if (hold.reasons.empty())
            return {};
        static std::map<std::string, std::vector<std::string>> const k_candidates {
            { "jaringan", { "gangguan_jaringan", "jaringan" } },
            { "peralatan", { "kerusakan_alat", "gangguan_alat", "gangguan_peralatan", "peralatan" } },
            { "listrik", { "listrik_padam", "gangguan_listrik", "listrik" } },
        };
        std::vector<std::string> candidates;
        if (auto found = k_candidates.find(kind); found != k_candidates.end())
            candidates = found->second;
        candidates.push_back("lainnya");
        for (auto const& candidate : candidates)
            for (auto const& reason : hold.reasons)
                if (reason.id == candidate)
                    return { reason.id };
        return { hold.reasons.front().id };
    }

    std::string kind_words(std::string const& kind)
    {
        if (kind == "jaringan")
            return "Gangguan jaringan";
        if (kind == "peralatan")
            return "Gangguan peralatan";
        if (kind == "listrik")
            return "Listrik padam";
        return "Gangguan";
    }

    // "Gangguan jaringan (log gangguan no. 12): SIAK putus".
    std::string outage_note(OutageRecord const& outage)
    {
        std::string note = kind_words(outage.kind) + " (log gangguan no. " + std::to_string(outage.id) + ")";
        if (!outage.note.empty())
            note += ": " + outage.note;
        return note;
    }

    Error staff_only()
    {
        return Error::forbidden("Hanya petugas kantor yang menunda atau melanjutkan berkas karena gangguan.");
    }

}

Result<std::vector<HoldableStep>> Desk::holdable_steps(Staff const& staff) const
{
    if (is_applicant_only(staff) || staff.roles.empty())
        return staff_only();
    std::vector<HoldableStep> steps;
    Actor const actor = staff.actor();
    for (auto const& service : m_catalog) {
        auto stated = office_definition(staff.office.id, service.id);
        if (!stated.ok())
            return stated.error();
        for (auto const& step : stated->steps) {
            auto const* hold = hold_action(*stated, step.id);
            if (!hold)
                continue;
            auto const allowed = available_actions(*stated, step.id, actor);
            if (std::none_of(allowed.begin(), allowed.end(), [&](auto const* each) { return each->id == hold->id; }))
                continue;
            auto waiting = m_store.cases_in_states(staff.office.id, { step.id }, 500);
            if (!waiting.ok())
                return waiting.error();
            auto const count = std::count_if(waiting->begin(), waiting->end(), [&](Case const& each) { return each.service_id == service.id; });
            steps.push_back({ service.id, service.title, step.id, step.title, hold->id, count });
        }
    }
    return steps;
}

Result<std::vector<CaseOutcome>> Desk::hold_for_outage(Staff const& staff, Id outage_id, std::string const& service_id, std::string const& step_id) const
{
    if (is_applicant_only(staff) || staff.roles.empty())
        return staff_only();
    auto outage = m_store.outage(staff.office.id, outage_id);
    if (!outage.ok())
        return outage.error();
    if (outage->ended_at)
        return Error::conflict("Gangguan ini sudah diakhiri: berkas tidak dapat lagi ditunda karenanya.");
    auto known = known_service(service_id);
    if (!known.ok())
        return known.error();
    if (!(*known)->find_step(step_id))
        return Error::invalid("step", "Tahap '" + step_id + "' tidak ada pada layanan " + (*known)->title + ".", "outage.step");
    auto waiting = m_store.cases_in_states(staff.office.id, { step_id }, 500);
    if (!waiting.ok())
        return waiting.error();
    std::vector<CaseOutcome> outcomes;
    for (auto const& item : *waiting) {
        if (item.service_id != service_id)
            continue;
        CaseOutcome outcome { .case_id = item.id, .registration_number = item.registration_number };
        auto filed = definition_of(item);
        auto const* hold = filed.ok() ? hold_action(*filed, step_id) : nullptr;
        if (!filed.ok() || !hold) {
            outcome.refused = filed.ok() ? Error::invalid_transition("Berkas di tahap ini tidak dapat ditunda.") : filed.error();
            outcomes.push_back(std::move(outcome));
            continue;
        }
        store::ActionRequest request { .case_id = item.id, .expected_version = item.version, .action_id = hold->id, .actor_user_id = staff.user.id,
            .actor = staff.actor(), .data = { .note = outage_note(*outage), .reasons = hold_reasons(*hold, outage->kind) }, .now = m_clock(),
            .outage_id = outage_id, .outage_link = store::ActionRequest::OutageLink::Hold };
        auto done = m_store.perform_action(*filed, request, std::nullopt, {});
        if (done.ok())
            outcome.recorded = done->record;
        else
            outcome.refused = done.error();
        outcomes.push_back(std::move(outcome));
    }
    return outcomes;
}

Result<std::vector<Id>> Desk::held_by_outage(Staff const& staff, Id outage_id) const
{
    if (is_applicant_only(staff) || staff.roles.empty())
        return staff_only();
    auto outage = m_store.outage(staff.office.id, outage_id);
    if (!outage.ok())
        return outage.error();
    return m_store.outage_held_cases(outage_id);
}

Result<std::vector<CaseOutcome>> Desk::resume_after_outage(Staff const& staff, Id outage_id) const
{
    auto held = held_by_outage(staff, outage_id);
    if (!held.ok())
        return held.error();
    std::vector<CaseOutcome> outcomes;
    for (Id case_id : *held) {
        CaseOutcome outcome { .case_id = case_id };
        auto item = case_in_office(staff, case_id);
        auto filed = item.ok() ? definition_of(*item) : Result<SopDefinition>(item.error());
        auto log = item.ok() ? m_store.case_actions(case_id) : Result<std::vector<ActionRecord>>(item.error());
        if (!filed.ok() || !log.ok() || log->empty()) {
            outcome.refused = !filed.ok() ? filed.error() : !log.ok() ? log.error() : Error::not_found("Riwayat berkas tidak ada.");
            outcomes.push_back(std::move(outcome));
            continue;
        }
        outcome.registration_number = item->registration_number;
        // Back to the step the hold took it from.
        auto const* resume = resume_action(*filed, item->state, log->back().from_state);
        if (!resume) {
            outcome.refused = Error::invalid_transition("Berkas ini tidak dapat dilanjutkan ke tahap semula.");
            outcomes.push_back(std::move(outcome));
            continue;
        }
        store::ActionRequest request { .case_id = case_id, .expected_version = item->version, .action_id = resume->id, .actor_user_id = staff.user.id,
            .actor = staff.actor(), .data = {}, .now = m_clock(), .outage_id = outage_id, .outage_link = store::ActionRequest::OutageLink::Resume };
        auto done = m_store.perform_action(*filed, request, std::nullopt, {});
        if (done.ok())
            outcome.recorded = done->record;
        else
            outcome.refused = done.error();
        outcomes.push_back(std::move(outcome));
    }
    return outcomes;
}

}
