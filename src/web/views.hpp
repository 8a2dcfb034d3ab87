#pragma once
// HTML views: ctemplate templates from templates/, each with the
// AUTOESCAPE pragma so that every value is escaped for where it lands
// (tests/web checks the pragma). A page is the layout around a body.

#include "core/date.hpp"
#include "web/http.hpp"

#include <ctemplate/template.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace sopir::web {

// What the layout shows around a body: the title, and who is signed in.
struct PageFrame {
    std::string title;
    std::string user_name;  // Empty on public pages and the sign-in form.
    std::string csrf_token; // For the sign-out form.
    bool can_submit { false };
    bool can_report { false }; // The dashboard link (Camat, Kasi).
    bool office_staff { false }; // The outage log and the registers: not for applicant-only accounts.
    bool can_sign { false };     // The batch signing page (the Camat).
    bool can_initial { false };  // The batch paraf page (the Kasi).
    bool can_administer { false };     // The office's administration (admin role).
    bool can_confirm_resets { false }; // Confirms signers' password resets (Camat, supervisor).
    bool supervisor { false };         // A kabupaten supervisor: the registers and the outage log, read only.
    // Why letters' QR codes would not open for citizens (no public URL, or
    // one of this computer or the office's network only); empty otherwise.
    std::string public_url_notice;
};

class Views {
public:
    // `site` names the place on every page (title, header, footer).
    Views(std::string templates_dir, std::function<std::string()> site);
    ~Views();

    // One template, expanded; throws when the template is missing or broken,
    // which make_handler turns into a 500 page.
    std::string render(std::string const& file, ctemplate::TemplateDictionary const&) const;
    // layout.tpl around `file`.
    Response page(int status, PageFrame const&, std::string const& file, ctemplate::TemplateDictionary const&) const;
    // A short page with a heading and a message (403, 404, 429, …).
    Response message(int status, PageFrame const&, std::string const& heading, std::string const& text) const;

private:
    std::unique_ptr<ctemplate::TemplateCache> m_cache;
    std::function<std::string()> m_site;
};

// "25 November 2026 14:03" in the office's time.
std::string format_datetime_id(Timestamp, int utc_offset_minutes);
// "7 mnt", "1 jam 5 mnt", "2 hr 3 jam".
std::string format_duration_id(std::int64_t seconds);

}

namespace sopir::web {

// One input of a form, rendered by templates/field.tpl into an include
// section of the page's template.
enum class FieldKind {
    Input,    // <input type=…>
    TextArea,
    Select,
    Checks,   // Checkboxes; `marker` adds a hidden empty value so the name is always sent.
};

struct FormOption {
    std::string value;
    std::string label;
};

struct FormField {
    std::string name;
    std::string label;
    FieldKind kind { FieldKind::Input };
    std::string input_type { "text" };
    std::vector<std::string> values; // What the form shows as typed or chosen.
    std::vector<FormOption> options;
    bool required { false };
    bool marker { false };
    std::string error;
    std::string help;
    std::string inputmode;   // "numeric" brings up the phone's number pad.
    std::string placeholder; // The shape to type: "HH-BB-TTTT".
};

// A date to type day first ("07-12-1999"), whatever the browser's language:
// a text input with the shape as its placeholder, an ISO value shown day
// first. Every date a staff or public form asks for is one of these.
FormField date_field(std::string name, std::string label, std::string const& value, bool required);

// The input's id: the prefix and the name, with dots as dashes.
std::string field_id(std::string const& prefix, std::string const& name);
void add_form_field(ctemplate::TemplateDictionary& parent, std::string const& include_name, std::string const& id_prefix, FormField const&);

}
