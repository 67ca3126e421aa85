// The benchmark report's texts, by name, with both languages side by side:
// Tr{.en = ..., .sv = ...}. A pattern's %s and %d are filled in order
// (markup.h fill). Swedish as a Swedish official would write it (Språkrådet's
// and the Government Offices' style: "plats 1 av 5", "90 %", numbers with a
// decimal comma), not word for word. kBenchmarkTexts lists every message by
// name, so that a test can check that each has both languages.
// Also the Swedish names of the units and datasets that indicators.toml and
// Eurostat give in English. Constants only; no state.
#pragma once

#include <string_view>

#include "core/lang.h"

namespace omvarld {

// Tr (core/lang.h): one message in both languages, kTitle[lang].

namespace bt {

// ---- Page and summary -----------------------------------------------------
inline constexpr Tr kReport{.en = "Benchmark report", .sv = "Jämförelserapport"};
inline constexpr Tr kTitle{.en = "%s among the %s: %s", .sv = "%s bland %s: %s"};
inline constexpr Tr kAnd{.en = " and ", .sv = " och "};
inline constexpr Tr kIndexFallback{.en = "the index \xE2\x80\x9C%s\xE2\x80\x9D",
                                   .sv = "indexet \xE2\x80\x9D%s\xE2\x80\x9D"};
inline constexpr Tr kInPeriod{.en = " in %s", .sv = " %s"};
inline constexpr Tr kSharedFirst{
    .en =
        "%s share first place among %d cities on %s%s: the difference between them is "
        "within the uncertainty.",
    .sv =
        "%s delar förstaplatsen bland %d städer i %s%s: skillnaden mellan dem ligger inom "
        "osäkerheten."};
inline constexpr Tr kClearFirst{
    .en =
        "%s ranks first of %d on %s%s, and the uncertainty does not change that: no other "
        "city's 90% rank interval reaches its own.",
    .sv =
        "%s hamnar på plats 1 av %d i %s%s, och osäkerheten ändrar inte det: ingen annan stads "
        "90 %-intervall når upp till dess."};
inline constexpr Tr kSharedLast{
    .en =
        "%s share last place among %d cities on %s%s: the difference between them is "
        "within the uncertainty.",
    .sv =
        "%s delar sista platsen bland %d städer i %s%s: skillnaden mellan dem ligger inom "
        "osäkerheten."};
inline constexpr Tr kClearLast{
    .en =
        "%s ranks last, %d of %d, on %s%s, and the uncertainty does not change that: no other "
        "city's 90% rank interval reaches its own.",
    .sv =
        "%s hamnar på sista plats, %d av %d, i %s%s, och osäkerheten ändrar inte det: ingen "
        "annan stads 90 %-intervall når ned till dess."};
inline constexpr Tr kPlaceShared{
    .en = "%s ranks %s of %d on %s%s, but the uncertainty does not separate it from %s.",
    .sv = "%s hamnar på plats %s av %d i %s%s, men osäkerheten skiljer den inte från %s."};
inline constexpr Tr kPlaceClear{
    .en = "%s ranks %s of %d on %s%s; no other city's 90% rank interval overlaps its own.",
    .sv =
        "%s hamnar på plats %s av %d i %s%s; ingen annan stads 90 %-intervall överlappar "
        "dess."};
inline constexpr Tr kPlaceNoIntervals{
    .en = "%s ranks %s of %d on %s%s (no uncertainty analysis was run).",
    .sv = "%s hamnar på plats %s av %d i %s%s (ingen osäkerhetsanalys gjordes)."};
inline constexpr Tr kNoIndex{
    .en = "%s has no score on %s%s: it has data for %d of %d dimensions, and the index needs %d.",
    .sv =
        "%s får inget värde i %s%s: staden har data för %d av %d dimensioner, och indexet "
        "kräver %d."};
inline constexpr Tr kRunsSpan{
    .en = "In 90% of %s Monte Carlo runs over the methodological choices, %s ranks %s.",
    .sv = "I 90 % av %s Monte Carlo-körningar över metodvalen hamnar %s %s."};
inline constexpr Tr kScenariosSpan{.en = "Over %s scenarios, %s ranks %s (5th-95th percentile).",
                                   .sv = "I %s scenarier hamnar %s %s (5:e-95:e percentilen)."};
inline constexpr Tr kSpanBetween{.en = "between %s and %s", .sv = "på plats %s\xE2\x80\x93%s"};
inline constexpr Tr kSpanOne{.en = "%s", .sv = "på plats %s"};
inline constexpr Tr kNotRanked{.en = "Not ranked: %s.", .sv = "Ingår inte i rangordningen: %s."};
inline constexpr Tr kReasonNoData{.en = "no data", .sv = "inga data"};
inline constexpr Tr kReasonDimensions{.en = "data for %d of %d dimensions, the index needs %d",
                                      .sv = "data för %d av %d dimensioner, indexet kräver %d"};
inline constexpr Tr kReasonScreened{.en = "too little data (%s of the indicators)",
                                    .sv = "för lite data (%s av indikatorerna)"};
inline constexpr Tr kPerDimension{.en = "Per dimension", .sv = "Per dimension"};
inline constexpr Tr kRankOf{.en = "rank %s of %d", .sv = "plats %s av %d"};
inline constexpr Tr kNa{.en = "n/a", .sv = "saknas"};
inline constexpr Tr kPartial{.en = "%d of %d dimensions", .sv = "%d av %d dimensioner"};
inline constexpr Tr kThin{
    .en =
        "The data are thin: %d of %d indicators have no value for these cities and are left "
        "out.",
    .sv =
        "Underlaget är tunt: %d av %d indikatorer saknar värden för dessa städer och är "
        "utelämnade."};
inline constexpr Tr kThinFocus{.en = "%s has values for %d of the %d indicators.",
                               .sv = "%s har värden för %d av de %d indikatorerna."};

// ---- Ranking ----------------------------------------------------------------
inline constexpr Tr kRanking{.en = "Ranking", .sv = "Rangordning"};
inline constexpr Tr kRank{.en = "Rank", .sv = "Plats"};
inline constexpr Tr kCity{.en = "City", .sv = "Stad"};
inline constexpr Tr kMedianRank{.en = "Median rank", .sv = "Medianplats"};
inline constexpr Tr kInterval{.en = "90% interval", .sv = "90 %-intervall"};
inline constexpr Tr kIntervalLegend{.en = "ranks of 90% of the runs",
                                    .sv = "placeringar i 90 % av körningarna"};
inline constexpr Tr kNominalLegend{.en = "nominal rank", .sv = "nominell placering"};
inline constexpr Tr kChangeSince{.en = "Change since %s", .sv = "Förändring sedan %s"};
inline constexpr Tr kIndexRule{
    .en =
        "A city gets an index score when it has data for at least %d of the %d dimensions "
        "(%s); a score from fewer is marked with the number of dimensions behind it.",
    .sv =
        "En stad får ett indexvärde när den har data för minst %d av de %d dimensionerna "
        "(%s); ett värde som bygger på färre än alla är märkt med antalet dimensioner."};

// ---- Dimensions and profile --------------------------------------------------
inline constexpr Tr kDimensions{.en = "Dimensions", .sv = "Dimensioner"};
inline constexpr Tr kDimChart{.en = "%s: scores of the cities (0-100)",
                              .sv = "%s: städernas poäng (0-100)"};
inline constexpr Tr kPeerMedian{.en = "peer median", .sv = "median för jämförelsestäderna"};
inline constexpr Tr kProfile{.en = "Strengths and weaknesses", .sv = "Styrkor och svagheter"};
inline constexpr Tr kProfileIntro{
    .en =
        "Each indicator's normalised score for %s minus the median of the other cities. Each "
        "line below gives the value itself, its unit and year, and %s's rank among the cities "
        "that have it (1 = best); the normalised score the index is built on comes after it.",
    .sv =
        "Varje indikators normaliserade poäng för %s minus medianen för de andra städerna. "
        "Varje rad nedan anger själva värdet med enhet och år, och var %s hamnar bland de "
        "städer som har värdet (1 = bäst); den normaliserade poäng som indexet bygger på "
        "kommer efter."};
inline constexpr Tr kBelow{.en = "below the peer median", .sv = "under medianen"};
inline constexpr Tr kAbove{.en = "above", .sv = "över"};
inline constexpr Tr kStrengths{.en = "Strengths", .sv = "Styrkor"};
inline constexpr Tr kWeaknesses{.en = "Weaknesses", .sv = "Svagheter"};
inline constexpr Tr kNone{.en = "none", .sv = "inga"};
inline constexpr Tr kFinding{.en = "%s (%s), rank %s of %d; score %s against the peer median %s",
                             .sv = "%s (%s), plats %s av %d; poäng %s mot medianen %s"};
inline constexpr Tr kOldYear{.en = "older year: the latest among the cities is %d",
                             .sv = "äldre år: det senaste bland städerna är %d"};
inline constexpr Tr kNotCompared{.en = "Not compared", .sv = "Jämförs inte"};
inline constexpr Tr kNotComparedIntro{
    .en = "Known for fewer than %d cities, so neither a strength nor a weakness.",
    .sv = "Finns för färre än %d städer och räknas därför varken som styrka eller svaghet."};
inline constexpr Tr kNotComparedLine{.en = "%s (%s), n = %d, not compared",
                                     .sv = "%s (%s), n = %d, jämförs inte"};

// ---- Trends and availability -----------------------------------------------
inline constexpr Tr kTrends{.en = "Trends", .sv = "Utveckling över tid"};
inline constexpr Tr kTrendsNone{
    .en = "No indicator has a time series long enough to draw (3 years or more) for %s.",
    .sv = "Ingen indikator har en tidsserie som är lång nog att rita (3 år eller fler) för %s."};
inline constexpr Tr kAvailability{.en = "Data availability", .sv = "Datatillgång"};
inline constexpr Tr kAvailIntro{
    .en =
        "The value used for each city and indicator: its year, and a flag where Eurostat gave "
        "one. A dash is a missing value; \"imp.\" a value imputed by the method; an earlier "
        "year than the reference period means the latest available value was used, and "
        "\"old\" marks one more than %d years older than the indicator's latest.",
    .sv =
        "Värdet som används för varje stad och indikator: dess år, och en flagga där Eurostat "
        "angav en. Ett streck är ett saknat värde; \"imp.\" ett imputerat värde; ett tidigare "
        "år än referensperioden betyder att det senaste tillgängliga värdet användes, och "
        "\"äldre\" markerar ett som är mer än %d år äldre än indikatorns senaste."};
inline constexpr Tr kImputedShort{.en = "imp.", .sv = "imp."};
inline constexpr Tr kOldShort{.en = "old", .sv = "äldre"};

// ---- Methodology -------------------------------------------------------------
inline constexpr Tr kMethodology{.en = "Methodology", .sv = "Metod"};
inline constexpr Tr kFramework{.en = "Framework: %s", .sv = "Ramverk: %s"};
inline constexpr Tr kDataEurostat{
    .en =
        "Data: Eurostat's city statistics, as harvested (the datasets and their dates are "
        "under Data vintages)",
    .sv =
        "Data: Eurostats statistik för städer, som den hämtades (dataseten och deras datum "
        "finns under Dataårgångar)"};
inline constexpr Tr kDataFile{.en = "Data: the analyst's file %s",
                              .sv = "Data: analytikerns fil %s"};
inline constexpr Tr kReferencePeriod{.en = "; reference period %s", .sv = "; referensperiod %s"};
inline constexpr Tr kChoices{.en = "Choices", .sv = "Val"};
inline constexpr Tr kSelection{
    .en =
        "Data selection: each indicator's value for the reference period, or else its latest "
        "value up to %d years earlier",
    .sv =
        "Dataurval: varje indikators värde för referensperioden, annars dess senaste värde "
        "upp till %d år tidigare"};
inline constexpr Tr kSelectionExact{
    .en = "Data selection: each indicator's value for the reference period only",
    .sv = "Dataurval: bara varje indikators värde för referensperioden"};
inline constexpr Tr kDenominated{.en = "Denominators: %s", .sv = "Nämnare: %s"};
inline constexpr Tr kDenominatedNot{
    .en = "Denominators: not applied (--no-denominate); %s are ranked as counts",
    .sv = "Nämnare: används inte (--no-denominate); %s rangordnas som antal"};
inline constexpr Tr kPer{.en = "per %s %s", .sv = "per %s %s"};
inline constexpr Tr kInhabitants{.en = "inhabitants", .sv = "invånare"};
inline constexpr Tr kScreeningNone{
    .en = "Screening: none (every city and indicator with data is kept)",
    .sv = "Urval av städer och indikatorer: inget (alla med data är med)"};
inline constexpr Tr kScreening{
    .en = "Screening: a city needs %s of the indicators, an indicator %s of the cities%s",
    .sv = "Urval: en stad behöver %s av indikatorerna, en indikator %s av städerna%s"};
inline constexpr Tr kScreenAfterImpute{.en = ", counted after imputation",
                                       .sv = ", räknat efter imputering"};
inline constexpr Tr kImputeNone{
    .en = "Missing values: not imputed (a dimension is the mean of the indicators a city has)",
    .sv =
        "Saknade värden: imputeras inte (en dimension är medelvärdet av de indikatorer staden "
        "har)"};
inline constexpr Tr kImpute{.en = "Missing values: imputed by %s",
                            .sv = "Saknade värden: imputeras med %s"};
inline constexpr Tr kImputeMean{.en = "the indicator's mean", .sv = "indikatorns medelvärde"};
inline constexpr Tr kImputeMedian{.en = "the indicator's median", .sv = "indikatorns median"};
inline constexpr Tr kImputeGroupMean{.en = "the mean of the city's group (%s)",
                                     .sv = "medelvärdet i stadens grupp (%s)"};
inline constexpr Tr kImputeLatest{.en = "the latest earlier value",
                                  .sv = "det senaste tidigare värdet"};
inline constexpr Tr kImputeLinear{.en = "linear interpolation over time",
                                  .sv = "linjär interpolation över tid"};
inline constexpr Tr kOutliersNone{.en = "Outliers: not treated",
                                  .sv = "Extremvärden: behandlas inte"};
inline constexpr Tr kOutliers{
    .en =
        "Outliers: winsorised, up to %d points, while |skewness| >= %s and kurtosis >= %s; "
        "else log-transformed (the JRC's and COINr's rule)",
    .sv =
        "Extremvärden: winsoriseras, upp till %d punkter, så länge |skevhet| >= %s och "
        "kurtosis >= %s; annars logaritmeras de (JRC:s och COINr:s regel)"};
inline constexpr Tr kNormalisation{.en = "Normalisation: %s", .sv = "Normalisering: %s"};
inline constexpr Tr kNormMinMax{
    .en = "min-max to %s-%s (the worst of these cities gets %s, the best %s)",
    .sv = "min-max till %s-%s (den sämsta av städerna får %s, den bästa %s)"};
inline constexpr Tr kNormMinMaxShort{.en = "min-max %s-%s", .sv = "min-max %s-%s"};
inline constexpr Tr kNormZScore{.en = "z-scores (mean %s, standard deviation %s)",
                                .sv = "z-värden (medelvärde %s, standardavvikelse %s)"};
inline constexpr Tr kNormRank{.en = "ranks", .sv = "rangtal"};
inline constexpr Tr kNormPercentile{.en = "percentiles (0-100)", .sv = "percentiler (0-100)"};
inline constexpr Tr kNormGoalposts{.en = "goalposts, %s-%s", .sv = "målstolpar, %s-%s"};
inline constexpr Tr kNormTarget{.en = "distance to target, %s-%s",
                                .sv = "avstånd till målvärde, %s-%s"};
inline constexpr Tr kNormBest{.en = "share of the best value (100 = best)",
                              .sv = "andel av det bästa värdet (100 = bäst)"};
inline constexpr Tr kWeights{.en = "Weights: %s", .sv = "Vikter: %s"};
inline constexpr Tr kWeightsMeta{.en = "as the framework gives them", .sv = "enligt ramverket"};
inline constexpr Tr kWeightsEqual{.en = "equal", .sv = "lika"};
inline constexpr Tr kWeightsPca{.en = "from principal components (squared loadings)",
                                .sv = "från principalkomponenter (kvadrerade laddningar)"};
inline constexpr Tr kAggregation{.en = "Aggregation: %s", .sv = "Aggregering: %s"};
inline constexpr Tr kAggArithmetic{.en = "arithmetic mean", .sv = "aritmetiskt medelvärde"};
inline constexpr Tr kAggGeometric{.en = "geometric mean", .sv = "geometriskt medelvärde"};
inline constexpr Tr kAggHarmonic{.en = "harmonic mean", .sv = "harmoniskt medelvärde"};
inline constexpr Tr kAggPower{.en = "power mean of order %s",
                              .sv = "potensmedelvärde av ordning %s"};
inline constexpr Tr kAggCopeland{.en = "Copeland's pairwise method",
                                 .sv = "Copelands metod (parvisa jämförelser)"};
inline constexpr Tr kOr{.en = " or ", .sv = " eller "};
inline constexpr Tr kMinShare{
    .en =
        "Scores from parts: a dimension needs %s of its indicators, the index %s of its "
        "dimensions (%d of %d)",
    .sv =
        "Värden från delar: en dimension kräver %s av sina indikatorer, indexet %s av sina "
        "dimensioner (%d av %d)"};
inline constexpr Tr kComparability{
    .en =
        "Comparability: an indicator known for fewer than %d cities is neither a strength nor "
        "a weakness (it is shown as \"n = 2, not compared\"); a value more than %d years older "
        "than the indicator's latest is marked as an older year wherever it is shown",
    .sv =
        "Jämförbarhet: en indikator som finns för färre än %d städer räknas varken som styrka "
        "eller svaghet (den visas som \"n = 2, jämförs inte\"); ett värde som är mer än %d år "
        "äldre än indikatorns senaste markeras som äldre år där det visas"};
inline constexpr Tr kHeadlineRule{
    .en =
        "Headline: two cities are told apart only when their 90% rank intervals do not "
        "overlap; cities whose intervals both reach first (or last) place share it",
    .sv =
        "Sammanfattningen: två städer skiljs åt bara när deras 90 %-intervall inte "
        "överlappar; städer vars intervall båda når första (eller sista) platsen delar den"};
inline constexpr Tr kNotes{.en = "Notes", .sv = "Anmärkningar"};
inline constexpr Tr kNoteMissing{.en = "Not in the data, so not ranked: %s",
                                 .sv = "Finns inte i data och rangordnas därför inte: %s"};
inline constexpr Tr kNoteScreened{.en = "Screened out: %s (%s of the indicators)",
                                  .sv = "Bortvald: %s (%s av indikatorerna)"};
inline constexpr Tr kNoteDroppedNone{.en = "Left out: %s (no data for these cities)",
                                     .sv = "Utelämnad: %s (inga data för dessa städer)"};
inline constexpr Tr kNoteDropped{.en = "Left out: %s (%s of the cities have it)",
                                 .sv = "Utelämnad: %s (%s av städerna har värdet)"};
inline constexpr Tr kNoteNoScore{
    .en = "%s: no score for %d of %d cities (too few of its parts have data)",
    .sv = "%s: inget värde för %d av %d städer (för få av delarna har data)"};
inline constexpr Tr kNoteLog{.en = "Outliers in %s: log-transformed",
                             .sv = "Extremvärden i %s: logaritmerade"};
inline constexpr Tr kNoteWinsorised{.en = "Outliers in %s: winsorised (%d points)",
                                    .sv = "Extremvärden i %s: winsoriserade (%d punkter)"};
inline constexpr Tr kNoteImputed{.en = "%d values imputed", .sv = "%d värden imputerade"};
inline constexpr Tr kNoteNoChange{
    .en = "No rank change: the index for %s could not be computed",
    .sv = "Ingen förändring av placeringen: indexet för %s kunde inte beräknas"};
inline constexpr Tr kUncertainty{.en = "Uncertainty", .sv = "Osäkerhet"};
inline constexpr Tr kNoUncertainty{.en = "No uncertainty analysis was run.",
                                   .sv = "Ingen osäkerhetsanalys gjordes."};
inline constexpr Tr kMonteCarlo{
    .en =
        "%s Monte Carlo runs (random seed %s): every weight varied by up to ±%s%%s%s. The "
        "intervals are the 5th and 95th percentiles of each city's ranks (R's quantile type 7).",
    .sv =
        "%s Monte Carlo-körningar (slumpfrö %s): varje vikt varieras med upp till ±%s %%s%s. "
        "Intervallen är den 5:e och 95:e percentilen av varje stads placeringar (kvantiler "
        "som R:s typ 7)."};
inline constexpr Tr kMcNormalise{.en = "; normalisation %s", .sv = "; normalisering %s"};
inline constexpr Tr kMcAggregate{.en = "; aggregation %s", .sv = "; aggregering %s"};
inline constexpr Tr kScenarios{.en = "%s scenarios, each a set of weights and methods.",
                               .sv = "%s scenarier, vart och ett med egna vikter och metoder."};
inline constexpr Tr kSensitivity{.en = "%s: first-order index %s, total %s",
                                 .sv = "%s: förstaordningens index %s, totalt %s"};
inline constexpr Tr kFactorWeights{.en = "weights", .sv = "vikter"};
inline constexpr Tr kFactorNormalisation{.en = "normalisation", .sv = "normalisering"};
inline constexpr Tr kFactorAggregation{.en = "aggregation", .sv = "aggregering"};
inline constexpr Tr kFactorImputation{.en = "imputation", .sv = "imputering"};
inline constexpr Tr kCoherence{.en = "Coherence", .sv = "Samstämmighet"};
inline constexpr Tr kAlpha{
    .en =
        "Cronbach's alpha per dimension (internal consistency; above 0.7 is usually read as "
        "consistent)",
    .sv =
        "Cronbachs alfa per dimension (inre konsistens; över 0,7 brukar läsas som "
        "samstämmigt)"};
inline constexpr Tr kRedundant{.en = "very strongly correlated (|r| > 0.9): one may be redundant",
                               .sv =
                                   "mycket starkt korrelerade (|r| > 0,9): en av dem kan vara "
                                   "överflödig"};
inline constexpr Tr kNegative{.en = "negatively correlated: they pull against each other",
                              .sv = "negativt korrelerade: de drar åt olika håll"};
inline constexpr Tr kCoherenceSmall{
    .en =
        "Correlations between parts are not judged with fewer than 8 cities with both values: "
        "with so few, strong correlations arise by chance.",
    .sv =
        "Korrelationer mellan delarna bedöms inte med färre än 8 städer med båda värdena: med "
        "så få uppstår starka samband av en slump."};
inline constexpr Tr kVintages{.en = "Data vintages", .sv = "Dataårgångar"};
inline constexpr Tr kDataset{.en = "Dataset", .sv = "Dataset"};
inline constexpr Tr kUpdated{.en = "Last updated at source", .sv = "Senast uppdaterat hos källan"};
inline constexpr Tr kHarvested{.en = "Harvested", .sv = "Hämtat"};
inline constexpr Tr kFlagsTitle{.en = "Eurostat flags", .sv = "Eurostats flaggor"};
inline constexpr Tr kSources{.en = "Sources", .sv = "Källor"};
inline constexpr Tr kAttribution{
    .en =
        "Eurostat: City statistics (Urban Audit) and the Perception survey on quality of life "
        "in European cities. © European Union, 1995-2026. Reuse is authorised provided the "
        "source is acknowledged (Eurostat's copyright notice: "
        "https://ec.europa.eu/eurostat/about-us/policies/copyright).",
    .sv =
        "Eurostat: statistik för städer (Urban Audit) och enkätundersökningen om livskvalitet "
        "i europeiska städer. © Europeiska unionen, 1995-2026. Vidareutnyttjande är tillåtet "
        "med angivande av källan (Eurostats upphovsrättsmeddelande: "
        "https://ec.europa.eu/eurostat/about-us/policies/copyright)."};
inline constexpr Tr kSourceShort{.en = "Source: Eurostat. © European Union, 1995-2026.",
                                 .sv = "Källa: Eurostat. © Europeiska unionen, 1995-2026."};
inline constexpr Tr kGenerated{.en = "Generated", .sv = "Skapad"};

}  // namespace bt

// Every message above by name (the test checks each has both languages).
struct NamedTr {
  const char* name;
  const Tr* text;
};
inline constexpr NamedTr kBenchmarkTexts[] = {
    {"report", &bt::kReport},
    {"title", &bt::kTitle},
    {"and", &bt::kAnd},
    {"index_fallback", &bt::kIndexFallback},
    {"in_period", &bt::kInPeriod},
    {"shared_first", &bt::kSharedFirst},
    {"clear_first", &bt::kClearFirst},
    {"shared_last", &bt::kSharedLast},
    {"clear_last", &bt::kClearLast},
    {"place_shared", &bt::kPlaceShared},
    {"place_clear", &bt::kPlaceClear},
    {"place_no_intervals", &bt::kPlaceNoIntervals},
    {"no_index", &bt::kNoIndex},
    {"runs_span", &bt::kRunsSpan},
    {"scenarios_span", &bt::kScenariosSpan},
    {"span_between", &bt::kSpanBetween},
    {"span_one", &bt::kSpanOne},
    {"not_ranked", &bt::kNotRanked},
    {"reason_no_data", &bt::kReasonNoData},
    {"reason_dimensions", &bt::kReasonDimensions},
    {"reason_screened", &bt::kReasonScreened},
    {"per_dimension", &bt::kPerDimension},
    {"rank_of", &bt::kRankOf},
    {"na", &bt::kNa},
    {"partial", &bt::kPartial},
    {"thin", &bt::kThin},
    {"thin_focus", &bt::kThinFocus},
    {"ranking", &bt::kRanking},
    {"rank", &bt::kRank},
    {"city", &bt::kCity},
    {"median_rank", &bt::kMedianRank},
    {"interval", &bt::kInterval},
    {"interval_legend", &bt::kIntervalLegend},
    {"nominal_legend", &bt::kNominalLegend},
    {"change_since", &bt::kChangeSince},
    {"index_rule", &bt::kIndexRule},
    {"dimensions", &bt::kDimensions},
    {"dim_chart", &bt::kDimChart},
    {"peer_median", &bt::kPeerMedian},
    {"profile", &bt::kProfile},
    {"profile_intro", &bt::kProfileIntro},
    {"below", &bt::kBelow},
    {"above", &bt::kAbove},
    {"strengths", &bt::kStrengths},
    {"weaknesses", &bt::kWeaknesses},
    {"none", &bt::kNone},
    {"finding", &bt::kFinding},
    {"old_year", &bt::kOldYear},
    {"not_compared", &bt::kNotCompared},
    {"not_compared_intro", &bt::kNotComparedIntro},
    {"not_compared_line", &bt::kNotComparedLine},
    {"trends", &bt::kTrends},
    {"trends_none", &bt::kTrendsNone},
    {"availability", &bt::kAvailability},
    {"avail_intro", &bt::kAvailIntro},
    {"imputed_short", &bt::kImputedShort},
    {"old_short", &bt::kOldShort},
    {"methodology", &bt::kMethodology},
    {"framework", &bt::kFramework},
    {"data_eurostat", &bt::kDataEurostat},
    {"data_file", &bt::kDataFile},
    {"reference_period", &bt::kReferencePeriod},
    {"choices", &bt::kChoices},
    {"selection", &bt::kSelection},
    {"selection_exact", &bt::kSelectionExact},
    {"denominated", &bt::kDenominated},
    {"denominated_not", &bt::kDenominatedNot},
    {"per", &bt::kPer},
    {"inhabitants", &bt::kInhabitants},
    {"screening_none", &bt::kScreeningNone},
    {"screening", &bt::kScreening},
    {"screen_after_impute", &bt::kScreenAfterImpute},
    {"impute_none", &bt::kImputeNone},
    {"impute", &bt::kImpute},
    {"impute_mean", &bt::kImputeMean},
    {"impute_median", &bt::kImputeMedian},
    {"impute_group_mean", &bt::kImputeGroupMean},
    {"impute_latest", &bt::kImputeLatest},
    {"impute_linear", &bt::kImputeLinear},
    {"outliers_none", &bt::kOutliersNone},
    {"outliers", &bt::kOutliers},
    {"normalisation", &bt::kNormalisation},
    {"norm_minmax", &bt::kNormMinMax},
    {"norm_minmax_short", &bt::kNormMinMaxShort},
    {"norm_zscore", &bt::kNormZScore},
    {"norm_rank", &bt::kNormRank},
    {"norm_percentile", &bt::kNormPercentile},
    {"norm_goalposts", &bt::kNormGoalposts},
    {"norm_target", &bt::kNormTarget},
    {"norm_best", &bt::kNormBest},
    {"weights", &bt::kWeights},
    {"weights_meta", &bt::kWeightsMeta},
    {"weights_equal", &bt::kWeightsEqual},
    {"weights_pca", &bt::kWeightsPca},
    {"aggregation", &bt::kAggregation},
    {"agg_arithmetic", &bt::kAggArithmetic},
    {"agg_geometric", &bt::kAggGeometric},
    {"agg_harmonic", &bt::kAggHarmonic},
    {"agg_power", &bt::kAggPower},
    {"agg_copeland", &bt::kAggCopeland},
    {"or", &bt::kOr},
    {"min_share", &bt::kMinShare},
    {"comparability", &bt::kComparability},
    {"headline_rule", &bt::kHeadlineRule},
    {"notes", &bt::kNotes},
    {"note_missing", &bt::kNoteMissing},
    {"note_screened", &bt::kNoteScreened},
    {"note_dropped_none", &bt::kNoteDroppedNone},
    {"note_dropped", &bt::kNoteDropped},
    {"note_no_score", &bt::kNoteNoScore},
    {"note_log", &bt::kNoteLog},
    {"note_winsorised", &bt::kNoteWinsorised},
    {"note_imputed", &bt::kNoteImputed},
    {"note_no_change", &bt::kNoteNoChange},
    {"uncertainty", &bt::kUncertainty},
    {"no_uncertainty", &bt::kNoUncertainty},
    {"monte_carlo", &bt::kMonteCarlo},
    {"mc_normalise", &bt::kMcNormalise},
    {"mc_aggregate", &bt::kMcAggregate},
    {"scenarios", &bt::kScenarios},
    {"sensitivity", &bt::kSensitivity},
    {"factor_weights", &bt::kFactorWeights},
    {"factor_normalisation", &bt::kFactorNormalisation},
    {"factor_aggregation", &bt::kFactorAggregation},
    {"factor_imputation", &bt::kFactorImputation},
    {"coherence", &bt::kCoherence},
    {"alpha", &bt::kAlpha},
    {"redundant", &bt::kRedundant},
    {"negative", &bt::kNegative},
    {"coherence_small", &bt::kCoherenceSmall},
    {"vintages", &bt::kVintages},
    {"dataset", &bt::kDataset},
    {"updated", &bt::kUpdated},
    {"harvested", &bt::kHarvested},
    {"flags_title", &bt::kFlagsTitle},
    {"sources", &bt::kSources},
    {"attribution", &bt::kAttribution},
    {"source_short", &bt::kSourceShort},
    {"generated", &bt::kGenerated},
};

// Units as indicators.toml writes them (Eurostat's, in English), in Swedish.
struct UnitName {
  std::string_view en;
  const char* sv;
};
inline constexpr UnitName kUnitsSv[] = {
    {"% of respondents", "% av de svarande"},
    {"%", "%"},
    {"persons", "personer"},
    {"households", "hushåll"},
    {"years", "år"},
    {"ratio", "kvot"},
    {"deaths", "dödsfall"},
    {"EUR", "euro"},
    {"companies", "företag"},
    {"units", "enheter"},
    {"children", "barn"},
    {"visits", "besök"},
    {"libraries", "bibliotek"},
    {"nights", "nätter"},
    {"minutes", "minuter"},
    {"per 1000", "per 1 000"},
    {"per 10000", "per 10 000"},
    {"1000 t", "1 000 ton"},
    {"µg/m³", "µg/m³"},
};

// Eurostat's datasets of indicators.toml, in Swedish (Eurostat publishes
// their titles in English, French and German only).
struct DatasetName {
  std::string_view code;
  const char* sv;
};
inline constexpr DatasetName kDatasetsSv[] = {
    {"urb_cpop1", "Befolkning 1 januari efter ålder och kön – städer och storstadsområden"},
    {"urb_cpopstr", "Befolkningsstruktur – städer och storstadsområden"},
    {"urb_cpopcb", "Befolkning efter medborgarskap och födelseland – städer och storstadsområden"},
    {"urb_cfermor", "Fruktsamhet och dödlighet – städer och storstadsområden"},
    {"urb_clivcon", "Levnadsförhållanden – städer och storstadsområden"},
    {"urb_ceduc", "Utbildning – städer och storstadsområden"},
    {"urb_ctour", "Kultur och turism – städer och storstadsområden"},
    {"urb_clma", "Arbetsmarknad – städer och storstadsområden"},
    {"urb_cecfi", "Ekonomi och finanser – städer och storstadsområden"},
    {"urb_ctran", "Transporter – städer och storstadsområden"},
    {"urb_cenv", "Miljö – städer och storstadsområden"},
    {"urb_percep", "Enkätundersökningen om livskvalitet i europeiska städer"},
};

}  // namespace omvarld
