#pragma once
// What an office states about its own copy of an SOP: the Nomor SOP, the
// Tanggal Revisi and Tanggal Efektif, who approved it (Disahkan
// Oleh) and the standard minutes it set for steps. Office data, kept in the
// database, so that offices sharing one server may differ; what an office
// has not stated comes from the file's [meta] and standard times.

#include "core/model.hpp"
#include "core/sop.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sopir {

struct OfficeSop {
    Id office_id { 0 };
    std::string service_id;
    std::string number;              // Empty: the file's.
    std::optional<Date> revised;     // Tanggal Revisi.
    std::optional<Date> effective;   // Tanggal Efektif.
    std::string approved_by;         // Empty: the file's.
    std::map<std::string, int> step_minutes; // By step id; absent: the file's.
    Timestamp updated_at { 0 };
};

// The definition as the office states it.
SopDefinition with_office_sop(SopDefinition definition, OfficeSop const&);

// What is wrong with the office's statement for this definition (a step it
// does not have, minutes not above zero), in Bahasa Indonesia; empty when
// nothing is.
std::vector<std::string> office_sop_problems(SopDefinition const&, OfficeSop const&);

// Open cases waiting in a state a changed definition no longer has.
struct StrandedState {
    std::string state;
    std::int64_t cases { 0 };
};

// The case counts of a service by state (CaseCount: state, cases, and
// whether the case is closed under the version it was filed under) that a
// changed definition would strand: open cases in a step or state it lacks.
struct CaseCount {
    std::string state;
    std::int64_t cases { 0 };
    bool closed { false };
};
std::vector<StrandedState> stranded_by(SopDefinition const& changed, std::vector<CaseCount> const&);

}
