// The shipped rules (feeds/relevance.toml) on the wording RELEVANCE-POLICY.md
// names: the themes it lists land without a municipal word, and the
// look-alike words it lists are cancelled. Each pair shows the phrase that
// lands beside the one that must not.
#include <gtest/gtest.h>

#include <string>

#include "relevance/relevance.h"

namespace omvarld {
namespace {

RelevanceScorer shipped() {
  auto rules = load_relevance_rules(std::string(OMVARLD_SOURCE_DIR) + "/feeds/relevance.toml");
  EXPECT_TRUE(rules.ok()) << rules.error().message;
  return RelevanceScorer(std::move(rules).value());
}

bool has_theme(const Relevance& r, const std::string& theme) {
  for (const ThemeMatch& m : r.themes)
    if (m.theme == theme) return true;
  return false;
}

TEST(RelevancePolicy, ChargingRefuellingTrafficRulesAndCleanVehiclesLand) {
  RelevanceScorer s = shipped();
  for (const char* title :
       {"Deployment of alternative fuels infrastructure", "Recharging points in car parks",
        "Hydrogen refuelling stations along the core network", "Clean vehicle directive – review",
        "Cross-border exchange of information on road-safety-related traffic offences",
        "Urban vehicle access regulations and low-emission zones", "Road charging schemes"}) {
    const Relevance r = s.score(title, "Transport", "");
    EXPECT_TRUE(r.flagged) << title << ": " << r.why();
    EXPECT_TRUE(has_theme(r, "transport_mobility")) << title;
  }
}

TEST(RelevancePolicy, StateAidThatBindsMunicipalCompaniesLands) {
  RelevanceScorer s = shipped();
  for (const char* title : {"Revision of the General Block Exemption Regulation (GBER)",
                            "De minimis aid – revision of the regulation",
                            "Compensation for services of general economic interest",
                            "Regional aid guidelines 2028", "Aid for inland ports and seaports"}) {
    const Relevance r = s.score(title, "Competition", "");
    EXPECT_TRUE(r.flagged) << title << ": " << r.why();
    EXPECT_TRUE(has_theme(r, "state_aid")) << title;
  }
  // Aid to farms stays cancelled, stems and all ("agriculture" like "agricultural").
  EXPECT_FALSE(s.score("De minimis aid in agriculture", "Competition", "").flagged);
}

TEST(RelevancePolicy, SocialPolicyInstrumentsLandWithoutAMunicipalWord) {
  RelevanceScorer s = shipped();
  for (const char* title :
       {"Council recommendation on adequate minimum income", "Income support for jobseekers",
        "A European care strategy for carers and care receivers", "Reinforced youth guarantee",
        "Quality framework for traineeships", "Youth employment support",
        "Reception conditions for asylum seekers", "Unaccompanied minors in migration",
        "Access to social protection for workers"}) {
    const Relevance r = s.score(title, "", "");
    EXPECT_TRUE(r.flagged) << title << ": " << r.why();
  }
}

TEST(RelevancePolicy, LookAlikeWordsAreCancelled) {
  RelevanceScorer s = shipped();
  // "capital" markets: no city, no data theme.
  EXPECT_TRUE(has_theme(s.score("Local authorities and open data", "", ""), "urban_cohesion"));
  const Relevance cmu = s.score("Capital markets union: local authorities and open data", "", "");
  EXPECT_FALSE(has_theme(cmu, "urban_cohesion")) << cmu.why();
  EXPECT_FALSE(has_theme(cmu, "digital_data")) << cmu.why();
  // market "integration".
  EXPECT_TRUE(has_theme(s.score("Integration and inclusion", "", ""), "migration_integration"));
  EXPECT_FALSE(has_theme(s.score("Energy market integration and inclusion", "", ""),
                         "migration_integration"));
  // military "mobility".
  EXPECT_TRUE(s.score("Sustainable urban mobility", "", "").flagged);
  EXPECT_FALSE(
      has_theme(s.score("Military mobility and urban mobility", "", ""), "transport_mobility"));
  // "port" state control.
  EXPECT_TRUE(has_theme(s.score("Inland ports", "", ""), "state_aid"));
  EXPECT_FALSE(has_theme(s.score("Port state control in seaports", "", ""), "state_aid"));
  // defence "procurement".
  EXPECT_TRUE(s.score("Public procurement directives – evaluation", "", "").flagged);
  const Relevance defence = s.score("Defence procurement directive – evaluation", "", "");
  EXPECT_FALSE(has_theme(defence, "procurement")) << defence.why();
  EXPECT_FALSE(defence.flagged) << defence.why();
  // "city" inside another word.
  EXPECT_TRUE(has_theme(s.score("Cities", "", ""), "urban_cohesion"));
  EXPECT_EQ(s.score("Electricity market capacity mechanisms", "", "").rule_score, 0);
  // Stems that would mislead are matched as written: parks are no parking,
  // capacity building is no buildings.
  EXPECT_FALSE(has_theme(s.score("European blue parks", "", ""), "transport_mobility"));
  EXPECT_FALSE(has_theme(s.score("Capacity building in security operation centres", "", ""),
                         "climate_energy_buildings"));
  // Truck parking: rest areas on motorways, not the city's parking.
  EXPECT_TRUE(s.score("Parking", "", "").flagged);
  EXPECT_FALSE(s.score("Safe and secure truck parking", "", "").flagged);
}

// Look-alikes beyond the policy's own list, each beside the sense that lands.
TEST(RelevancePolicy, MoreLookAlikesAreCancelled) {
  RelevanceScorer s = shipped();
  // Air traffic is aviation, not the city's traffic.
  EXPECT_TRUE(has_theme(s.score("Road traffic noise", "", ""), "transport_mobility"));
  EXPECT_FALSE(
      has_theme(s.score("Air traffic management and road traffic", "", ""), "transport_mobility"));
  // Erasmus "learning mobility" and workers' "labour mobility" are no urban mobility.
  EXPECT_TRUE(has_theme(s.score("Mobility and cycling", "", ""), "transport_mobility"));
  EXPECT_FALSE(has_theme(s.score("Learning mobility and cycling", "", ""), "transport_mobility"));
  EXPECT_FALSE(
      has_theme(s.score("Labour mobility of cycling couriers", "", ""), "transport_mobility"));
  // Vehicle type approval (RELEVANCE-POLICY.md: 0) is not a clean-vehicle rule.
  EXPECT_TRUE(has_theme(s.score("Clean vehicles in public fleets", "", ""), "transport_mobility"));
  EXPECT_FALSE(has_theme(s.score("Type-approval of clean vehicles: technical requirements", "", ""),
                         "transport_mobility"));
  // The EU's joint buying of vaccines is not the city's procurement.
  EXPECT_TRUE(has_theme(s.score("Procurement of care services", "", ""), "procurement"));
  EXPECT_FALSE(has_theme(s.score("Procurement of vaccines and medical countermeasures", "", ""),
                         "procurement"));
  // Drug precursors are chemicals trade, not drug prevention.
  EXPECT_TRUE(has_theme(s.score("Drug prevention", "", ""), "health_elderly"));
  EXPECT_FALSE(has_theme(s.score("Drug precursors and drug prevention", "", ""), "health_elderly"));
  // The housing of farm animals is no housing policy.
  EXPECT_TRUE(has_theme(s.score("Affordable housing", "", ""), "housing"));
  EXPECT_FALSE(has_theme(s.score("Animal welfare: housing of poultry", "", ""), "housing"));
  // "City" in a state's name.
  EXPECT_TRUE(has_theme(s.score("Cities and municipalities", "", ""), "urban_cohesion"));
  EXPECT_FALSE(has_theme(s.score("Agreement with Vatican City on municipalities", "", ""),
                         "urban_cohesion"));
  // Social media are platforms, not social policy.
  EXPECT_TRUE(has_theme(s.score("Social inclusion", "", ""), "labour_social"));
  EXPECT_FALSE(has_theme(s.score("Social media and social inclusion", "", ""), "labour_social"));
  // Social security and security of supply are no local security.
  EXPECT_TRUE(has_theme(s.score("Civil protection", "", ""), "security_preparedness"));
  EXPECT_FALSE(has_theme(s.score("Social security coordination and civil protection", "", ""),
                         "security_preparedness"));
  EXPECT_FALSE(has_theme(s.score("Gas security of supply and civil protection", "", ""),
                         "security_preparedness"));
}

// Horizon Europe research calls count half (RELEVANCE-POLICY.md: cities are
// rarely typical applicants), the missions for cities do not; the why says
// which programme.
TEST(RelevancePolicy, HorizonResearchCallsCountHalfAndSaySo) {
  RelevanceScorer s = shipped();
  const char* title = "Urban mobility solutions";
  const Relevance research = s.score(title, "", "", "HORIZON-CL5-2026-D6-01-05");
  const Relevance mission = s.score(title, "", "", "HORIZON-MISS-2026-CIT-01-02");
  const Relevance plain = s.score(title, "", "", "");
  EXPECT_NEAR(research.rule_score * 2, plain.rule_score, 1) << research.why();
  EXPECT_NE(research.why().find("programme Horizon Europe research"), std::string::npos)
      << research.why();
  EXPECT_GT(mission.rule_score, plain.rule_score) << mission.why();
  EXPECT_TRUE(mission.flagged);
  // Nuclear research and the cancer mission are cancelled, not halved.
  EXPECT_EQ(s.score("Urban mobility", "", "", "HORIZON-EURATOM-2026-NRT-01").score, 0);
  EXPECT_EQ(s.score("Urban mobility", "", "", "HORIZON-MISS-2026-CANCER-01-01").score, 0);
}

}  // namespace
}  // namespace omvarld

namespace omvarld {
namespace {

// Areas the policy names in its own words, by title alone (no Commission
// topic): the shape of a Parliament vote or a citizens' initiative.
TEST(RelevancePolicy, AreasThePolicyNamesFlagByTitleAlone) {
  RelevanceScorer s = shipped();
  for (const char* title :
       {"Renovation of public buildings", "Soil monitoring and resilience",
        "Remediation of contaminated land", "Separate waste collection of textiles",
        "Flood risk management plans", "Green spaces and nature in cities",
        "Urban planning and land use", "Architecture and the built environment",
        "Protection of public spaces against terrorist attacks",
        "Voting rights of mobile EU citizens in local elections", "Ending child poverty",
        // the same areas in other words
        "Bike lanes and pedestrians", "Speed limits", "Water supply and water services",
        "Nursing homes and home care", "Heatwaves and heat islands", "Kindergarten places",
        "Rights of tenants", "Museums and public libraries"}) {
    const Relevance r = s.score(title, "", "");
    EXPECT_TRUE(r.flagged) << title << ": " << r.why();
  }
}

// Look-alikes of the new terms, and work outside the EU, which cancels every
// theme (negative_everywhere).
TEST(RelevancePolicy, LandUseAccountingTariffConcessionsAndAidAbroadAreCancelled) {
  RelevanceScorer s = shipped();
  EXPECT_TRUE(s.score("Land use planning in cities", "", "").flagged);
  const Relevance lulucf = s.score("Land use, land use change and forestry – review", "", "");
  EXPECT_FALSE(has_theme(lulucf, "housing")) << lulucf.why();
  EXPECT_TRUE(s.score("Concessions contracts – evaluation", "", "").flagged);
  const Relevance tariffs =
      s.score("EU/Brazil Agreement: modification of concessions on tariff rate quotas", "", "");
  EXPECT_FALSE(has_theme(tariffs, "procurement")) << tariffs.why();
  EXPECT_TRUE(s.score("Civil protection mechanism", "", "").flagged);
  // Have your say's topic names humanitarian aid beside civil protection: not cancelled.
  EXPECT_TRUE(s.score("Union Civil Protection Mechanism – evaluation",
                      "Humanitarian aid and civil protection", "")
                  .flagged);
  // Architecture: the built environment's flags, money's and computers' do not.
  EXPECT_TRUE(s.score("Architecture and the quality of the built environment", "", "").flagged);
  for (const char* title :
       {"Reform of the EU's financial architecture", "A new European security architecture",
        "Energy security architecture for gas supply",
        "Reference architecture for cloud computing"}) {
    const Relevance r = s.score(title, "", "");
    EXPECT_FALSE(has_theme(r, "housing")) << title << ": " << r.why();
  }
  // Erasmus+ says "partner countries" of countries a school works with: not cancelled.
  const Relevance erasmus = s.score("Erasmus+ school exchanges for pupils with partner countries",
                                    "Education and training", "");
  EXPECT_NE(erasmus.grade, Grade::kNone) << erasmus.why();
  for (const char* title :
       {"Local democracy in low-income countries", "Drinking water in developing countries"}) {
    const Relevance r = s.score(title, "", "");
    EXPECT_FALSE(r.flagged) << title << ": " << r.why();
    EXPECT_EQ(r.rule_score, 0) << title << ": " << r.why();
  }
}

// The combination (combine_readings): the rules flag with a term at the
// threshold; the model flags on its own above model.flag, halved for a
// weakened programme; look between.
TEST(RelevancePolicy, RulesAndModelCombineAsDocumented) {
  RelevanceRules rules;
  rules.flag_threshold = 20;
  rules.look_threshold = 15;
  rules.model_flag = 0.9;
  rules.model_look = 0.4;
  auto combined = [&](int rule_score, bool term, double p, double weight) {
    Relevance r;
    r.rule_score = rule_score;
    r.rule_term = term;
    r.model_p = p;
    r.programme_weight = weight;
    combine_readings(rules, r);
    return r;
  };
  EXPECT_EQ(combined(20, true, 0.1, 1).grade, Grade::kFlag);
  EXPECT_EQ(combined(25, false, 0.1, 1).grade, Grade::kLook);  // context words alone never flag
  EXPECT_EQ(combined(14, true, 0.1, 1).grade, Grade::kNone);
  EXPECT_EQ(combined(0, false, 0.9, 1).grade, Grade::kFlag);
  EXPECT_EQ(combined(0, false, 0.9, 1).score, 20);
  EXPECT_EQ(combined(0, false, 0.92, 0.5).grade, Grade::kLook);  // Horizon research: halved
  EXPECT_EQ(combined(0, false, 0.95, 0.5).grade, Grade::kFlag);
  EXPECT_EQ(combined(0, false, 0.4, 1).grade, Grade::kLook);
  EXPECT_EQ(combined(0, false, 0.4, 1).score, 15);
  EXPECT_EQ(combined(0, false, 0.3, 1).grade, Grade::kNone);
  EXPECT_EQ(combined(40, true, -1, 1).score, 40);  // no model
}

}  // namespace
}  // namespace omvarld
