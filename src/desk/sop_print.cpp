#include "desk/sop_print.hpp"

#include "core/office_sop.hpp"
#include "desk/letter_desk.hpp"
#include "desk/records.hpp"
#include "letters/sop_print.hpp"

namespace sopir::desk {

namespace {

    std::string render(SopDefinition const& definition, LetterOffice office, PaperSize paper, SopPrintFormat format)
    {
        if (format == SopPrintFormat::FlowchartSvg)
            return render_sop_flowchart_svg(definition);
        return render_sop_pdf({ .definition = definition, .office = std::move(office), .paper_size = paper });
    }

}

std::string print_sop(SopDefinition const& definition, SopPrintFormat format, std::optional<PaperSize> paper)
{
    return render(definition, {}, paper.value_or(PaperSize::A4), format);
}

Result<std::string> print_office_sop(store::Store& store, SopDefinition const& file, Office const& office, SopPrintFormat format,
    std::optional<PaperSize> paper)
{
    auto stated = store.office_sop(office.id, file.id);
    if (!stated.ok())
        return stated.error();
    SopDefinition const definition = *stated ? with_office_sop(file, **stated) : file;
    return render(definition, printed_office(store, office), paper.value_or(office.paper_size), format);
}

Result<std::string> Records::printed_sop(std::string const& service_id, std::optional<Office> const& office, SopPrintFormat format) const
{
    auto const* definition = m_desk.service(service_id);
    if (!definition)
        return Error::not_found("Layanan '" + service_id + "' tidak dikenal di kantor ini.");
    if (!office)
        return print_sop(*definition, format);
    return print_office_sop(m_store, *definition, *office, format);
}

}
