// The satisfaction survey's index (Permenpan RB 14/2017): NRR, IKM and
// grades against values worked out by hand beside each assertion.
#include "core/survey.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace sopir;

namespace {

SurveyAnswers answers(std::initializer_list<int> scores)
{
    SurveyAnswers out {};
    std::size_t i = 0;
    for (int score : scores) {
        if (score > 0)
            out[i] = score;
        ++i;
    }
    return out;
}

// Every element answered by `answered` respondents whose answers add up
// to `sum`: then NRR = sum / answered and IKM = 25 × NRR.
SurveyTally uniform(std::int64_t answered, std::int64_t sum)
{
    SurveyTally tally {};
    for (auto& element : tally)
        element = { answered, sum };
    return tally;
}

}

TEST(Survey, TheNineElementsCarryTheRegulationsWording)
{
    auto const& elements = survey_elements();
    ASSERT_EQ(elements.size(), 9u);
    EXPECT_EQ(elements[0].key, "u1");
    EXPECT_NE(elements[0].question.find("kesesuaian persyaratan pelayanan dengan jenis pelayanannya"), std::string_view::npos);
    EXPECT_EQ(elements[3].answers[0], "Sangat mahal");
    EXPECT_EQ(elements[3].answers[3], "Gratis");
    EXPECT_EQ(elements[7].answers[1], "Cukup");
    EXPECT_NE(elements[8].question.find("penanganan pengaduan"), std::string_view::npos);
    EXPECT_EQ(elements[8].answers[1], "Ada tetapi tidak berfungsi");
    EXPECT_EQ(elements[8].answers[3], "Dikelola dengan baik");
}

TEST(Survey, NrrIsTheSumOverThoseWhoAnsweredAndIkmUsesOneNinthExactly)
{
    SurveyTally tally {};
    add_answers(tally, answers({ 4, 4, 4, 4, 4, 4, 4, 4, 4 }));
    add_answers(tally, answers({ 3, 3, 3, 3, 3, 3, 3, 3, 3 }));
    add_answers(tally, answers({ 2, 3, 4, 4, 3, 2, 4, 3, 0 })); // U9 left out.
    auto const result = compute_ikm(3, tally);
    // U1: (4+3+2)/3 = 3; U2: 10/3; U9: (4+3)/2 = 3.5, over the two who answered.
    ASSERT_TRUE(result.nrr[0]);
    EXPECT_DOUBLE_EQ(*result.nrr[0], 3.0);
    EXPECT_DOUBLE_EQ(*result.nrr[1], 10.0 / 3.0);
    EXPECT_EQ(result.tally[8].answered, 2);
    EXPECT_DOUBLE_EQ(*result.nrr[8], 3.5);
    // Σ NRR = (9+10+11+11+10+9+11+10)/3 + 3.5 = 27 + 3.5 = 30.5;
    // IKM = 25 × 30.5 / 9 = 84.7222… → 84.72, grade B.
    ASSERT_TRUE(result.ikm_hundredths);
    EXPECT_EQ(*result.ikm_hundredths, 8472);
    EXPECT_EQ(result.grade, IkmGrade::B);
    EXPECT_EQ(format_ikm(*result.ikm_hundredths), "84,72");
}

TEST(Survey, AllFoursIsOneHundredAndAllOnesTwentyFive)
{
    auto best = compute_ikm(7, uniform(7, 28));
    EXPECT_EQ(best.ikm_hundredths, 10000);
    EXPECT_EQ(best.grade, IkmGrade::A);
    auto worst = compute_ikm(7, uniform(7, 7));
    EXPECT_EQ(worst.ikm_hundredths, 2500);
    EXPECT_EQ(worst.grade, IkmGrade::D);
    EXPECT_EQ(format_ikm(2500), "25,00");
}

TEST(Survey, AnElementNobodyAnsweredHasNoNrrAndThereIsNoIkm)
{
    SurveyTally tally {};
    add_answers(tally, answers({ 4, 4, 4, 0, 4, 4, 4, 4, 4 }));
    add_answers(tally, answers({ 3, 3, 3, 0, 3, 3, 3, 3, 3 }));
    auto const result = compute_ikm(2, tally);
    EXPECT_FALSE(result.nrr[3]);
    ASSERT_EQ(result.unanswered.size(), 1u);
    EXPECT_EQ(result.unanswered[0], "U4");
    EXPECT_FALSE(result.ikm_hundredths);
    EXPECT_FALSE(result.grade);
    EXPECT_DOUBLE_EQ(*result.nrr[0], 3.5);
}

TEST(Survey, NoRespondentsNoIkm)
{
    auto const result = compute_ikm(0, SurveyTally {});
    EXPECT_FALSE(result.ikm_hundredths);
    EXPECT_EQ(result.unanswered.size(), 9u);
}

TEST(Survey, AnswersOutsideOneToFourAreNotCounted)
{
    SurveyTally tally {};
    add_answers(tally, answers({ 5, 4, 4, 4, 4, 4, 4, 4, 4 }));
    EXPECT_EQ(tally[0].answered, 0);
    EXPECT_EQ(tally[1].answered, 1);
}

// With every element alike, IKM = 25 × NRR = 25 × sum / answered.
struct Boundary {
    std::int64_t answered;
    std::int64_t sum;
    std::int64_t hundredths;
    IkmGrade grade;
};

TEST(Survey, GradeBoundariesAfterRoundingHalfUp)
{
    Boundary const cases[] = {
        { .answered = 2500, .sum = 8831, .hundredths = 8831, .grade = IkmGrade::A },  // 25 × 3.5324 = 88.31
        { .answered = 250, .sum = 883, .hundredths = 8830, .grade = IkmGrade::B },    // 25 × 3.532 = 88.30
        { .answered = 5000, .sum = 17661, .hundredths = 8831, .grade = IkmGrade::A }, // 88.305 → 88.31
        { .answered = 2500, .sum = 7661, .hundredths = 7661, .grade = IkmGrade::B },  // 76.61
        { .answered = 250, .sum = 766, .hundredths = 7660, .grade = IkmGrade::C },    // 76.60
        { .answered = 5000, .sum = 15321, .hundredths = 7661, .grade = IkmGrade::B }, // 76.605 → 76.61
        { .answered = 5, .sum = 13, .hundredths = 6500, .grade = IkmGrade::C },       // 25 × 2.6 = 65.00
        { .answered = 2500, .sum = 6499, .hundredths = 6499, .grade = IkmGrade::D },  // 64.99
        { .answered = 5000, .sum = 12999, .hundredths = 6500, .grade = IkmGrade::C }, // 64.995 → 65.00
        { .answered = 5000, .sum = 12998, .hundredths = 6499, .grade = IkmGrade::D }, // 64.99
    };
    for (auto const& each : cases) {
        auto const result = compute_ikm(each.answered, uniform(each.answered, each.sum));
        ASSERT_TRUE(result.ikm_hundredths) << each.sum;
        EXPECT_EQ(*result.ikm_hundredths, each.hundredths) << each.sum << "/" << each.answered;
        EXPECT_EQ(result.grade, each.grade) << each.sum << "/" << each.answered;
    }
    EXPECT_EQ(grade_of(10000), IkmGrade::A);
    EXPECT_EQ(grade_of(8830), IkmGrade::B);
    EXPECT_EQ(grade_of(7660), IkmGrade::C);
    EXPECT_EQ(grade_of(6500), IkmGrade::C);
    EXPECT_EQ(grade_of(6499), IkmGrade::D);
    EXPECT_EQ(grade_label(IkmGrade::C), "Kurang Baik");
}

TEST(Survey, RequiredSampleFollowsTheKrejcieMorganTable)
{
    EXPECT_EQ(required_sample(0), 0);
    EXPECT_EQ(required_sample(7), 7);
    EXPECT_EQ(required_sample(10), 10);
    EXPECT_EQ(required_sample(11), 14); // Between 10 and 15: the larger row's.
    EXPECT_EQ(required_sample(100), 80);
    EXPECT_EQ(required_sample(101), 86);
    EXPECT_EQ(required_sample(1000), 278);
    EXPECT_EQ(required_sample(5'000'000), 384);
    // Every row is the formula's value, S = χ²NP(1−P) / (d²(N−1) + χ²P(1−P)),
    // rounded: a mistyped row shows here.
    for (auto const& row : krejcie_morgan_table()) {
        double const n = static_cast<double>(row.population);
        double const s = 3.841 * n * 0.25 / (0.0025 * (n - 1) + 3.841 * 0.25);
        EXPECT_LE(std::abs(static_cast<double>(row.sample) - s), 1.0) << row.population;
    }
}

TEST(Survey, ProfileOptionsAreTheQuestionnaires)
{
    EXPECT_TRUE(is_profile_option(sex_options(), "P"));
    EXPECT_TRUE(is_profile_option(sex_options(), ""));
    EXPECT_FALSE(is_profile_option(sex_options(), "X"));
    EXPECT_TRUE(is_profile_option(occupation_options(), "wirausaha"));
    EXPECT_EQ(profile_label(education_options(), "diploma"), "D1/D2/D3/D4");
}
