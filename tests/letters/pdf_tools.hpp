#pragma once
// Reading a rendered PDF back as anyone holding the paper would: its text
// (pdftotext), its facts (pdfinfo, pdffonts) and its QR codes (pdftoppm,
// then zbarimg). Shared by the tests of tests/letters.

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

namespace sopir::pdf_tools {

// The PDF bytes in a file of their own for the command-line tools, removed
// when the test is done with it.
struct TempPdf {
    std::filesystem::path path;

    explicit TempPdf(std::string const& bytes)
    {
        char name[] = "/tmp/sopir-letter-XXXXXX";
        int fd = mkstemp(name);
        if (fd >= 0)
            close(fd);
        path = name;
        std::ofstream(path, std::ios::binary) << bytes;
    }
    TempPdf(TempPdf const&) = delete;
    TempPdf& operator=(TempPdf const&) = delete;
    ~TempPdf() { std::filesystem::remove(path); }
};

// The standard output of a shell command.
inline std::string run(std::string const& command)
{
    std::string out;
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe)
        return out;
    std::array<char, 4096> buffer {};
    while (auto n = fread(buffer.data(), 1, buffer.size(), pipe))
        out.append(buffer.data(), n);
    pclose(pipe);
    return out;
}

// `pdftotext -layout`: the text, lines in reading order top to bottom.
inline std::string pdf_text(std::string const& bytes)
{
    TempPdf pdf(bytes);
    return run("pdftotext -layout " + pdf.path.string() + " - 2>&1");
}

// The output of a poppler tool that takes the file as its only argument
// ("pdfinfo", "pdffonts").
inline std::string pdf_tool(std::string const& bytes, char const* tool)
{
    TempPdf pdf(bytes);
    return run(std::string(tool) + " " + pdf.path.string() + " 2>&1");
}

// The "Pages:" of pdfinfo's output; -1 when there is none.
inline int page_count(std::string const& info)
{
    auto at = info.find("Pages:");
    return at == std::string::npos ? -1 : std::stoi(info.substr(at + 6));
}

// Every QR code on the first page, one decoded text a line, as zbarimg reads
// them from a 150 dpi picture of the page.
inline std::string qr_codes(std::string const& bytes)
{
    TempPdf pdf(bytes);
    std::string const picture = pdf.path.string() + "-page";
    run("pdftoppm -png -r 150 -singlefile " + pdf.path.string() + " " + picture);
    std::string const codes = run("zbarimg -q --raw " + picture + ".png 2>/dev/null");
    std::filesystem::remove(picture + ".png");
    return codes;
}

struct Word {
    int page;
    double page_width;
    double page_height;
    double x_min;
    double y_min;
    double x_max;
    double y_max;
    std::string text;
};

// Every word with its box in points, from `pdftotext -bbox`.
inline std::vector<Word> pdf_words(std::string const& bytes)
{
    TempPdf pdf(bytes);
    std::string const html = run("pdftotext -bbox " + pdf.path.string() + " - 2>/dev/null");
    std::regex const page_tag(R"re(<page width="([0-9.]+)" height="([0-9.]+)">)re");
    std::regex const word_tag(
        R"re(<word xMin="([0-9.-]+)" yMin="([0-9.-]+)" xMax="([0-9.-]+)" yMax="([0-9.-]+)">([^<]*)</word>)re");
    std::vector<Word> words;
    int page = 0;
    double width = 0;
    double height = 0;
    std::istringstream lines(html);
    std::string line;
    std::smatch match;
    while (std::getline(lines, line)) {
        if (std::regex_search(line, match, page_tag)) {
            ++page;
            width = std::stod(match[1]);
            height = std::stod(match[2]);
        } else if (std::regex_search(line, match, word_tag)) {
            words.push_back({ .page = page, .page_width = width, .page_height = height, .x_min = std::stod(match[1]), .y_min = std::stod(match[2]), .x_max = std::stod(match[3]), .y_max = std::stod(match[4]), .text = match[5] });
        }
    }
    return words;
}

struct Image {
    int page;
    std::string type; // "image", or "smask" for the transparency of the one before.
    int width;        // In pixels.
    int height;
    int x_ppi; // Pixels per inch as printed.
    int y_ppi;
};

// Every image in the PDF, from `pdfimages -list`.
inline std::vector<Image> pdf_images(std::string const& bytes)
{
    TempPdf pdf(bytes);
    std::istringstream lines(run("pdfimages -list " + pdf.path.string() + " 2>/dev/null"));
    std::vector<Image> images;
    std::string line;
    // Two lines of headings, then one line an image:
    // page num type width height color comp bpc enc interp object ID x-ppi y-ppi size ratio
    std::getline(lines, line);
    std::getline(lines, line);
    while (std::getline(lines, line)) {
        std::istringstream fields(line);
        Image image {};
        int number = 0;
        std::string color, comp, bpc, enc, interp, object, generation;
        if (fields >> image.page >> number >> image.type >> image.width >> image.height >> color >> comp >> bpc >> enc
            >> interp >> object >> generation >> image.x_ppi >> image.y_ppi)
            images.push_back(image);
    }
    return images;
}

// The words that come closer than `edge` points to a side of their page (or
// past it): text a printer would cut off.
inline std::vector<Word> words_off_the_page(std::string const& bytes, double edge)
{
    std::vector<Word> outside;
    for (auto const& word : pdf_words(bytes))
        if (word.x_min < edge || word.y_min < edge || word.x_max > word.page_width - edge
            || word.y_max > word.page_height - edge)
            outside.push_back(word);
    return outside;
}

// The page as `pdftotext -bbox` lays it out: every word with its box, the
// document's metadata (<head>) left out.
inline std::string pdf_layout(std::string const& bytes)
{
    TempPdf pdf(bytes);
    std::string const html = run("pdftotext -bbox " + pdf.path.string() + " - 2>/dev/null");
    auto const body = html.find("<doc>");
    return body == std::string::npos ? html : html.substr(body);
}

// The first page as a grey picture (PGM bytes) at `dpi`: what prints.
inline std::string page_picture(std::string const& bytes, int dpi = 60)
{
    TempPdf pdf(bytes);
    std::string const picture = pdf.path.string() + "-picture";
    run("pdftoppm -gray -r " + std::to_string(dpi) + " -singlefile " + pdf.path.string() + " " + picture);
    std::ifstream in(picture + ".pgm", std::ios::binary);
    std::string pixels((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::filesystem::remove(picture + ".pgm");
    return pixels;
}

}
