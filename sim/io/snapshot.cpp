#include "samen/io/snapshot.hpp"

#include <cstdio>

#include "samen/survey/host_answers.hpp"

namespace samen {
namespace {

template <class T>
void column(h5::Group& group, const std::string& name, const std::vector<T>& values,
            const std::string& description) {
  group.write(name, values).set_attr("description", description);
}

}  // namespace

std::string snapshot_path(std::uint32_t week) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "/survey/week_%04u", week);
  return buffer;
}

void write_survey_snapshot(h5::Node& file, std::uint32_t week, const Field& field,
                           const SurveyReport& report) {
  h5::Group snap = file.create_group(snapshot_path(week));
  snap.set_attr("week", static_cast<std::int64_t>(week));

  h5::Group figures = snap.create_group("figures");
  std::vector<std::string> id;
  std::vector<double> survey, model, low, high;
  std::vector<std::uint8_t> within;
  for (const auto& r : report.rows) {
    id.push_back(r.id);
    survey.push_back(r.survey_value);
    model.push_back(r.model_value);
    low.push_back(r.ci.low);
    high.push_back(r.ci.high);
    within.push_back(r.within ? 1 : 0);
  }
  figures.set_attr("description",
                   "The virtual survey: each figure of the 2011 survey beside the model's answer");
  column(figures, "id", id, "figure id of scenarios/survey_targets.csv");
  column(figures, "survey_value", survey,
         "survey figure: percent for shares and counts, else the mean");
  column(figures, "model_value", model, "the model's answer on the same scale (NaN: nobody asked)");
  column(figures, "ci_low", low, "lower end of the survey figure's 95% interval");
  column(figures, "ci_high", high, "upper end of the survey figure's 95% interval");
  column(figures, "within", within, "1 when the model's answer lies within the interval");

  const auto& pr = field.projects;
  const auto& ties = field.ties;
  const HostAnswers answers(field.volunteers, pr.first_volunteer, pr.volunteer_count);
  const std::size_t n = pr.size();
  std::vector<std::uint8_t> host_kind(n), host_type(n), home_start(n), coop(n), awareness(n),
      contact(n), from_target(n), individual(n), organised(n), freq(n), division(n), grade(n),
      chain_division(n), chain_grade(n), vo_grade(n);
  std::vector<std::int32_t> municipality(n), volunteers(n);
  for (std::size_t i = 0; i < n; ++i) {
    host_kind[i] = static_cast<std::uint8_t>(pr.host_kind[i]);
    host_type[i] = static_cast<std::uint8_t>(pr.host_type[i]);
    home_start[i] = pr.home_start[i];
    municipality[i] = static_cast<std::int32_t>(pr.municipality[i]);
    volunteers[i] = static_cast<std::int32_t>(pr.volunteer_count[i]);
    coop[i] = ties.cooperates[pr.cjg_tie[i]];
    awareness[i] = ties.awareness[pr.cjg_tie[i]];
    contact[i] = ties.contact[pr.cjg_tie[i]];
    from_target[i] = static_cast<std::uint8_t>(answers.from_target[i]);
    individual[i] = (answers.vtypes[i] & 0x0Fu) != 0;
    organised[i] = (answers.vtypes[i] & 0xF0u) != 0;
    freq[i] = static_cast<std::uint8_t>(pr.internal_frequency[i]);
    division[i] = static_cast<std::uint8_t>(pr.internal_division[i]);
    grade[i] = pr.internal_grade[i];
    const auto chain = pr.chain_main_tie[i];
    chain_division[i] = chain == kNone ? 0 : ties.division[chain];
    chain_grade[i] = chain == kNone ? 0 : ties.grade[chain];
    vo_grade[i] = pr.vo_main_tie[i] == kNone ? 0 : ties.grade[pr.vo_main_tie[i]];
  }
  h5::Group projects = snap.create_group("projects");
  projects.set_attr("description", "One row per project of the field, one dataset per column");
  column(projects, "host_kind", host_kind,
         "0 volunteer organisation, 1 professional institution, 2 unknown");
  column(projects, "host_type", host_type,
         "0 welfare VO, 1 welfare institution, 2 sports club, 3 migrant self-organisation, 4 care "
         "institution, 5 religious, 6 municipality, 7 other");
  column(projects, "home_start", home_start, "1 for a Humanitas Home-Start project");
  column(projects, "response_weight", pr.response_weight,
         "relative propensity to answer the survey");
  column(projects, "municipality", municipality, "index of the project's municipality");
  column(projects, "volunteers", volunteers, "number of volunteers");
  column(projects, "cooperates_cjg", coop, "1 when the project cooperates with its CJG");
  column(
      projects, "cjg_awareness", awareness,
      "0 does not know the CJG, 1 knows it by name only, 2 reasonably informed, 3 well informed");
  column(projects, "cjg_contact", contact, "0 never, 1 sometimes, 2 regularly or often");
  column(projects, "from_target", from_target,
         "0 no volunteers from the target group, 1 part, 2 all");
  column(projects, "has_individual", individual, "1 when it has individual-citizen volunteers");
  column(projects, "has_organised", organised, "1 when it has organised volunteers");
  column(projects, "internal_frequency", freq,
         "professionals and volunteers work together: 0 never, 1 sometimes, 2 regularly, 3 often");
  column(projects, "internal_division", division,
         "internal task division: 0 none, 1 oral, 2 written");
  column(projects, "internal_grade", grade, "grade for internal cooperation, 1-10");
  column(projects, "chain_division", chain_division,
         "task division with the main institution: 0 none (or no partner), 1 oral, 2 written");
  column(projects, "chain_grade", chain_grade, "grade for the main institution, 1-10; 0 when none");
  column(projects, "vo_grade", vo_grade,
         "grade for the main volunteer organisation, 1-10; 0 when none");
}

SurveyReport read_survey_figures(const h5::Node& file, std::uint32_t week) {
  const std::string path = snapshot_path(week);
  if (!file.exists(path + "/figures"))
    throw h5::Error("HDF5 file '" + file.file_path() + "': no survey snapshot for week " +
                    std::to_string(week) + " (missing group '" + path + "/figures')");
  const h5::Group figures = file.open_group(path + "/figures");
  const auto id = figures.read_strings("id");
  const auto survey = figures.read_doubles("survey_value");
  const auto model = figures.read_doubles("model_value");
  const auto low = figures.read_doubles("ci_low");
  const auto high = figures.read_doubles("ci_high");
  const auto within = figures.read_uint8("within");
  const std::pair<const char*, std::size_t> columns[] = {{"survey_value", survey.size()},
                                                         {"model_value", model.size()},
                                                         {"ci_low", low.size()},
                                                         {"ci_high", high.size()},
                                                         {"within", within.size()}};
  for (const auto& [name, size] : columns)
    if (size != id.size())
      throw h5::Error("HDF5 file '" + file.file_path() + "': survey snapshot '" + path +
                      "/figures': column '" + name + "' has " + std::to_string(size) +
                      " values but 'id' has " + std::to_string(id.size()) +
                      "; every column must hold one value per figure");
  SurveyReport report;
  for (std::size_t i = 0; i < id.size(); ++i)
    report.rows.push_back(
        {id[i], survey.at(i), model.at(i), {low.at(i), high.at(i)}, within.at(i) != 0});
  return report;
}

}  // namespace samen
