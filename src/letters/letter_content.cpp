#include "letters/letter_content.hpp"

#include "core/json.hpp"
#include "core/sha256.hpp"
#include "core/text.hpp"

#include <nlohmann/json.hpp>

#include <cctype>

namespace sopir {

namespace {

    using Json = nlohmann::json;

    std::string_view paper_name(PaperSize paper)
    {
        return paper == PaperSize::F4 ? "F4" : "A4";
    }

    Json office_json(LetterOffice const& office)
    {
        return { { "regency", office.regency }, { "name", office.name }, { "address", office.address },
            { "postal_code", office.postal_code }, { "place_name", office.place_name }, { "logo_sha256", office.logo_sha256 } };
    }

    Json signer_json(LetterSigner const& signer)
    {
        return { { "title", signer.title }, { "name", signer.name }, { "pangkat_golongan", signer.pangkat_golongan }, { "nip", signer.nip } };
    }

    // Version 1, as letters issued before templates recorded it: written back
    // exactly as it was read, so its hashes and signatures still hold.
    Json legacy_json(LetterContent const& letter, LegacyLetterContent const& legacy)
    {
        auto const& person = legacy.applicant;
        // nlohmann::json keeps object keys sorted, so dump() is canonical.
        return Json {
            { "version", 1 },
            { "office", office_json(letter.office) },
            { "number", letter.number },
            { "applicant", { { "name", person.name }, { "nik", person.nik }, { "birth_place", person.birth_place },
                               { "birth_date", to_iso(person.birth_date) }, { "sex", person.sex }, { "religion", person.religion },
                               { "marital_status", person.marital_status }, { "occupation", person.occupation },
                               { "address", person.address }, { "rt", person.rt }, { "rw", person.rw },
                               { "village", person.village }, { "kecamatan", person.kecamatan } } },
            { "recording_date", to_iso(legacy.recording_date) },
            { "letter_date", to_iso(letter.letter_date) },
            { "purpose", legacy.purpose },
            { "disdukcapil_whatsapp", letter.disdukcapil_whatsapp },
            { "signer", signer_json(letter.signer) },
            { "paraf", letter.paraf },
            { "verification_url", letter.verification_url },
            { "paper_size", paper_name(letter.paper_size) },
        };
    }

    Json block_json(LetterBlock const& block)
    {
        Json json { { "kind", to_string(block.kind) } };
        switch (block.kind) {
        case LetterBlock::Kind::Paragraph:
            json["text"] = block.text;
            if (!block.qr.empty())
                json["qr"] = block.qr;
            break;
        case LetterBlock::Kind::Table: {
            Json rows = Json::array();
            for (auto const& [label, value] : block.table)
                rows.push_back(Json::array({ label, value }));
            json["table"] = rows;
            break;
        }
        case LetterBlock::Kind::Rows:
            json["headings"] = block.headings;
            json["rows"] = block.rows;
            break;
        case LetterBlock::Kind::List:
            json["items"] = block.items;
            break;
        }
        return json;
    }

    LetterBlock block_from_json(Json const& json)
    {
        auto kind = parse_letter_block_kind(json.at("kind").get<std::string>());
        if (!kind)
            throw Json::other_error::create(501, "unknown block kind", &json);
        LetterBlock block { .kind = *kind };
        switch (*kind) {
        case LetterBlock::Kind::Paragraph:
            block.text = json.at("text");
            block.qr = json.value("qr", std::string());
            break;
        case LetterBlock::Kind::Table:
            for (auto const& row : json.at("table"))
                block.table.emplace_back(row.at(0), row.at(1));
            break;
        case LetterBlock::Kind::Rows:
            block.headings = json.at("headings").get<std::vector<std::string>>();
            block.rows = json.at("rows").get<std::vector<std::vector<std::string>>>();
            break;
        case LetterBlock::Kind::List:
            block.items = json.at("items").get<std::vector<std::string>>();
            break;
        }
        return block;
    }

    Json to_json(LetterContent const& letter)
    {
        if (letter.legacy)
            return legacy_json(letter, *letter.legacy);
        Json body = Json::array();
        for (auto const& block : letter.body)
            body.push_back(block_json(block));
        Json json {
            { "version", 2 },
            { "service", letter.service_id },
            { "template", { { "id", letter.template_id }, { "version", letter.template_version } } },
            { "office", office_json(letter.office) },
            { "number", letter.number },
            { "title", letter.title },
            { "subtitle", letter.subtitle },
            { "person", { { "name", letter.person_name }, { "nik", letter.person_nik } } },
            { "body", body },
            { "letter_date", to_iso(letter.letter_date) },
            { "disdukcapil_whatsapp", letter.disdukcapil_whatsapp },
            { "signer", signer_json(letter.signer) },
            { "paraf", letter.paraf },
            { "verification_url", letter.verification_url },
            { "paper_size", paper_name(letter.paper_size) },
        };
        // Only a service whose output is marks records one, so every other
        // letter's content stays byte for byte what it was.
        if (letter.mark) {
            Json details = Json::array();
            for (auto const& [label, value] : letter.mark->details)
                details.push_back(Json::array({ label, value }));
            json["mark"] = { { "text", letter.mark->text }, { "copies", letter.mark->copies }, { "details", details } };
        }
        return json;
    }

    Error not_content(std::string const& what)
    {
        return Error::invalid("content", "Isi surat yang tersimpan tidak sah: " + what + ".", "letter.content");
    }

}

std::string letter_content_json(LetterContent const& letter)
{
    return to_json(letter).dump();
}

namespace {

    // The parts both versions share.
    Result<LetterContent> common_from_json(Json const& json)
    {
        LetterContent letter;
        auto const& office = json.at("office");
        letter.office = { .regency = office.at("regency"), .name = office.at("name"), .address = office.at("address"),
            .postal_code = office.at("postal_code"), .place_name = office.at("place_name"), .logo_png = {},
            .logo_sha256 = office.at("logo_sha256") };
        letter.number = json.at("number");
        auto dated = parse_iso_date(json.at("letter_date").get<std::string>());
        if (!dated)
            return not_content("tanggal tidak sah");
        letter.letter_date = *dated;
        letter.disdukcapil_whatsapp = json.at("disdukcapil_whatsapp");
        auto const& signer = json.at("signer");
        letter.signer = { .title = signer.at("title"), .name = signer.at("name"), .pangkat_golongan = signer.at("pangkat_golongan"),
            .nip = signer.at("nip") };
        letter.paraf = json.at("paraf");
        letter.verification_url = json.at("verification_url");
        letter.paper_size = json.at("paper_size").get<std::string>() == "F4" ? PaperSize::F4 : PaperSize::A4;
        return letter;
    }

    Result<LetterContent> legacy_from_json(Json const& json)
    {
        auto letter = common_from_json(json);
        if (!letter.ok())
            return letter;
        auto const& person = json.at("applicant");
        auto birth = parse_iso_date(person.at("birth_date").get<std::string>());
        auto recorded = parse_iso_date(json.at("recording_date").get<std::string>());
        if (!birth || !recorded)
            return not_content("tanggal tidak sah");
        LegacyLetterContent legacy;
        legacy.applicant = { .name = person.at("name"), .nik = person.at("nik"), .birth_place = person.at("birth_place"),
            .birth_date = *birth, .sex = person.at("sex"), .religion = person.at("religion"),
            .marital_status = person.at("marital_status"), .occupation = person.at("occupation"), .address = person.at("address"),
            .rt = person.at("rt"), .rw = person.at("rw"), .village = person.at("village"), .kecamatan = person.at("kecamatan") };
        legacy.recording_date = *recorded;
        legacy.purpose = json.at("purpose");
        letter->person_name = legacy.applicant.name;
        letter->person_nik = legacy.applicant.nik;
        letter->legacy = std::move(legacy);
        return letter;
    }

}

Result<LetterContent> letter_content_from_json(std::string_view text)
{
    Json const json = parse_json_or(text, Json());
    int const version = json.is_object() ? json.value("version", 0) : 0;
    if (version != 1 && version != 2)
        return not_content("bukan JSON isi surat versi 1 atau 2");
    try {
        if (version == 1)
            return legacy_from_json(json);
        auto letter = common_from_json(json);
        if (!letter.ok())
            return letter;
        letter->service_id = json.at("service");
        letter->template_id = json.at("template").at("id");
        letter->template_version = json.at("template").at("version");
        letter->title = json.at("title");
        letter->subtitle = json.at("subtitle");
        letter->person_name = json.at("person").at("name");
        letter->person_nik = json.at("person").at("nik");
        for (auto const& block : json.at("body"))
            letter->body.push_back(block_from_json(block));
        if (json.contains("mark")) {
            auto const& mark = json.at("mark");
            LetterMark read { .text = mark.at("text"), .copies = mark.at("copies"), .details = {} };
            if (read.copies < 1 || read.copies > k_max_mark_copies)
                return not_content("jumlah salinan di luar batas");
            for (auto const& row : mark.at("details"))
                read.details.emplace_back(row.at(0), row.at(1));
            letter->mark = std::move(read);
        }
        return letter;
    } catch (Json::exception const&) {
        return not_content("kolom hilang atau berjenis salah");
    }
}

LetterContent legacy_letter_body(LetterContent letter, SopDefinition const& definition)
{
    if (!letter.legacy || !definition.letter)
        return letter;
    auto const& legacy = *letter.legacy;
    auto const& person = legacy.applicant;
    LetterFacts facts;
    // Version 1 recorded the subject's particulars as printed, under the
    // names the E-KTP form gives them; the subject group of the service's
    // form takes them.
    InputGroup const* subject = definition.form.subject();
    std::string const group = subject ? subject->id : "applicant";
    facts.values[group] = { { "name", person.name }, { "nik", person.nik }, { "birth_place", person.birth_place },
        { "birth_date", to_iso(person.birth_date) }, { "sex", person.sex }, { "religion", person.religion },
        { "marital_status", person.marital_status }, { "occupation", person.occupation }, { "address", person.address },
        { "rt", person.rt }, { "rw", person.rw }, { "village_name", person.village } };
    facts.office_name = letter.office.name;
    facts.office_regency = letter.office.regency;
    facts.office_district = person.kecamatan;
    // Its one date was the day of the step the letter attests.
    for (auto const& step : definition.steps)
        facts.step_dates[step.id] = legacy.recording_date;
    facts.whatsapp = letter.disdukcapil_whatsapp;
    // Its purpose stands for the template's last paragraph of the body.
    LetterTemplate wording = *definition.letter;
    if (!wording.body.empty() && wording.body.back().kind == LetterBlockTemplate::Kind::Paragraph) {
        if (legacy.purpose.empty())
            wording.body.pop_back();
        else
            wording.body.back().text = escape_letter_text(legacy.purpose);
    }
    auto resolved = resolve_letter(definition, wording, facts);
    letter.title = resolved.title;
    letter.subtitle = resolved.subtitle;
    letter.body = std::move(resolved.body);
    return letter;
}

std::string letter_content_sha256(LetterContent const& letter)
{
    return sha256_hex(letter_content_json(letter));
}

std::string unnumbered_content_sha256(LetterContent const& letter)
{
    LetterContent unnumbered = letter;
    unnumbered.number.clear();
    return letter_content_sha256(unnumbered);
}

std::string signatures_json(std::vector<StoredSignature> const& signatures)
{
    Json list = Json::array();
    for (auto const& [purpose, signature] : signatures) {
        Json item = { { "purpose", purpose }, { "signer", signature.signer }, { "algorithm", signature.algorithm },
            { "public_key", signature.public_key_b64 }, { "signature", signature.signature_b64 }, { "signed_at", signature.signed_at } };
        // Only seals made since the PDFs are covered carry these (v2).
        if (!signature.pdf_sha256.empty()) {
            item["pdf_sha256"] = signature.pdf_sha256;
            item["archive_pdf_sha256"] = signature.archive_pdf_sha256;
        }
        list.push_back(std::move(item));
    }
    return list.dump();
}

Result<std::vector<StoredSignature>> signatures_from_json(std::string_view text)
{
    Json const json = parse_json_or(text, Json());
    if (!json.is_array())
        return not_content("daftar tanda tangan bukan larik JSON");
    std::vector<StoredSignature> signatures;
    try {
        for (auto const& item : json)
            signatures.push_back({ item.at("purpose"),
                Signature { .signer = item.at("signer"), .algorithm = item.at("algorithm"), .public_key_b64 = item.at("public_key"),
                    .signature_b64 = item.at("signature"), .signed_at = item.at("signed_at"),
                    .pdf_sha256 = item.value("pdf_sha256", std::string()),
                    .archive_pdf_sha256 = item.value("archive_pdf_sha256", std::string()) } });
    } catch (Json::exception const&) {
        return not_content("tanda tangan tidak lengkap");
    }
    return signatures;
}

std::string paraf_initials(std::string_view full_name)
{
    // Degrees follow the first comma: "SITI NURHALIZA, S.Sos., M.AP".
    std::string_view name = full_name.substr(0, full_name.find(','));
    std::string initials;
    std::size_t at = 0;
    while (at < name.size()) {
        while (at < name.size() && std::isspace(static_cast<unsigned char>(name[at])))
            ++at;
        std::size_t end = at;
        while (end < name.size() && !std::isspace(static_cast<unsigned char>(name[end])))
            ++end;
        std::string_view word = name.substr(at, end - at);
        // "H.", "Hj.", "Dr.", "Ir.", "Drs." are honorifics, not names.
        if (!word.empty() && word.back() != '.' && std::isalpha(static_cast<unsigned char>(word.front())))
            initials += static_cast<char>(std::toupper(static_cast<unsigned char>(word.front())));
        at = end;
    }
    return initials;
}

}
