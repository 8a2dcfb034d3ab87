#include "core/office_sop.hpp"

#include <algorithm>
#include <cctype>

namespace sopir {

std::string register_code(RegisterDefinition const& book)
{
    std::string code;
    for (char c : book.id)
        code += c == '_' ? '-' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (code.starts_with("REGISTER"))
        code.replace(0, 8, "REG");
    return code;
}

std::string number_classification(SopDefinition const& definition, RegisterDefinition const& book, std::string const& office_code)
{
    if (book.kind == RegisterKind::Letter && definition.letter && definition.letter->register_id == book.id && !definition.letter->classification.empty())
        return definition.letter->classification;
    return office_code;
}

SopDefinition with_office_sop(SopDefinition definition, OfficeSop const& office)
{
    if (!office.number.empty())
        definition.meta.number = office.number;
    if (office.revised)
        definition.meta.revised = office.revised;
    if (office.effective)
        definition.meta.effective = office.effective;
    if (!office.approved_by.empty())
        definition.meta.approved_by = office.approved_by;
    for (auto& step : definition.steps) {
        auto found = office.step_minutes.find(step.id);
        if (found != office.step_minutes.end())
            step.standard_minutes = found->second;
    }
    return definition;
}

std::vector<std::string> office_sop_problems(SopDefinition const& definition, OfficeSop const& office)
{
    std::vector<std::string> problems;
    for (auto const& [step, minutes] : office.step_minutes) {
        if (!definition.find_step(step))
            problems.push_back("Langkah '" + step + "' tidak ada dalam SOP " + definition.id + ".");
        else if (minutes <= 0)
            problems.push_back("Waktu baku langkah '" + step + "' harus lebih dari 0 menit.");
    }
    return problems;
}

std::vector<StrandedState> stranded_by(SopDefinition const& changed, std::vector<CaseCount> const& counts)
{
    std::vector<StrandedState> stranded;
    for (auto const& count : counts) {
        if (count.closed || count.cases == 0 || changed.state_kind(count.state))
            continue;
        auto found = std::find_if(stranded.begin(), stranded.end(), [&](StrandedState const& each) { return each.state == count.state; });
        if (found == stranded.end())
            stranded.push_back({ count.state, count.cases });
        else
            found->cases += count.cases;
    }
    return stranded;
}

}
