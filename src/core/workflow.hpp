#pragma once
// The workflow engine: which actions a person may take on a case, where they
// lead, what data they must carry, and how long a case spent in each step
// against the SOP's standard time. Pure: the definition, the case's history,
// the actor and "now" all come in as arguments (STYLE.md: no clock, no I/O).
//
// A case's state is the id of the step it waits in ("verifikasi": waiting to
// be verified) or of a special state the definition declares
// ("dikembalikan", "tertunda", "selesai").

#include "core/date.hpp"
#include "core/result.hpp"
#include "core/sop.hpp"
#include "core/working_time.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sopir {

// The note and the reasons travel beside an action's fields under these
// names: Invalid errors about them name these fields, and the web form's
// inputs carry them.
inline constexpr std::string_view k_note_field = "catatan";
inline constexpr std::string_view k_reasons_field = "alasan";

struct Actor {
    std::string user_id;         // Stable id of the person; segregation of duties compares it.
    std::set<std::string> roles; // The roles held now in the case's office (Plt./Plh. included).

    bool has_role(std::string_view role) const { return roles.count(std::string(role)) > 0; }
};

struct ActionData {
    std::string note;
    std::vector<std::string> reasons; // Reason ids from the action's list.
    // Field name → value as typed. A checklist's value is its ticked option
    // ids, comma-separated: "surat_pengantar,akta_kelahiran".
    std::map<std::string, std::string> fields;
};

// One entry of a case's append-only action log, as much of it as the engine
// needs. Storage keeps more (note, data, hash chain).
struct HistoryEntry {
    std::string action_id;
    std::string from_state;
    std::string to_state;
    std::string actor_id;
    Timestamp at { 0 };
};

struct CaseSnapshot {
    std::string state;                 // The current state.
    Timestamp created_at { 0 };        // When intake created the case in the initial step.
    std::vector<HistoryEntry> history; // Oldest first.
};

struct Transition {
    std::string action_id;
    std::string from_state;
    std::string to_state;
    StateKind to_kind { StateKind::Step };
    // The register to take the next number from, in the same transaction
    // that records the action (e.g. "register_ektp" at verifikasi/terima).
    std::optional<std::string> takes_number;
    LetterStage letter { LetterStage::None }; // The action signs or seals the letter.
    // The data as it should be stored: note trimmed, reasons in the
    // definition's order, fields canonical (dates YYYY-MM-DD, bools
    // "true"/"false", checklists in option order); empty optional fields left out.
    ActionData data;
};

// Checks that `actor` may perform `action_id` on the case now, with `data`,
// and says where the case goes. Errors:
//   InvalidTransition: the action is not offered in the case's state;
//   Forbidden: the actor lacks the role, or segregation of duties forbids it;
//   Invalid{field}: a missing note or reason, a reason not in the list, a
//     missing required field, a value of the wrong type (field names the input).
Result<Transition> apply_action(SopDefinition const&, CaseSnapshot const&, std::string_view action_id, Actor const&, ActionData const&);

// The actions `actor` may perform in `state`, by role, in the definition's
// order. For worklists and the buttons of a case page.
std::vector<ActionDefinition const*> available_actions(SopDefinition const&, std::string_view state, Actor const&);
// The same, also leaving out what segregation of duties forbids on this case.
std::vector<ActionDefinition const*> available_actions(SopDefinition const&, CaseSnapshot const&, Actor const&);

struct StepTiming {
    std::string step_id;
    std::int64_t seconds_spent { 0 }; // Summed over every visit.
    std::int64_t standard_seconds { 0 };
    bool on_time { true };
    std::int64_t late_by { 0 }; // Seconds over the standard; 0 when on time.
    int visits { 0 };           // A correction loop visits a step again.
    bool current { false };     // The case waits here now (counted up to `now`).
};

// Time in a special state: with the applicant (returned) or held by an outage.
struct StateTiming {
    std::string state_id;
    StateKind kind { StateKind::Held };
    std::int64_t seconds { 0 };
    int visits { 0 };
    bool current { false };
};

struct CaseTiming {
    std::vector<StepTiming> steps;       // Every step, in the SOP's order, visited or not.
    std::vector<StateTiming> states;     // Every returned or held state, in the definition's order.
    std::int64_t working_seconds { 0 };  // Time in steps: what the standard measures.
    std::int64_t standard_seconds { 0 }; // The SOP's total standard time.
    bool on_time { true };
    std::int64_t late_by { 0 };
    std::int64_t held_seconds { 0 };     // In held states (outages): not working time.
    std::int64_t returned_seconds { 0 }; // With the applicant: not working time.
    std::int64_t other_seconds { 0 };    // In states the definition no longer knows.
    std::int64_t elapsed_seconds { 0 };  // From creation to the end state, or to `now`: wall-clock time.
    std::string current_state;
    std::optional<Timestamp> finished_at; // When the case reached an end state.
};

// The time a case spent in each step and state. The case starts in the
// definition's initial step at `created_at`; each history entry ends the
// interval in the state before it. The state the case waits in now counts up
// to `now`, unless it is an end state. Intervals that run backwards (clocks of
// two servers disagreeing) count as zero. With a `calendar`, time in a step
// is the office's working time (core/working_time.hpp), so steps and
// working_seconds count office hours only; time in other states and
// elapsed_seconds stay wall-clock time.
CaseTiming compute_timing(SopDefinition const&, Timestamp created_at, std::span<HistoryEntry const> history, Timestamp now,
    WorkingCalendar const* calendar = nullptr);
CaseTiming compute_timing(SopDefinition const&, CaseSnapshot const&, Timestamp now, WorkingCalendar const* calendar = nullptr);

}
