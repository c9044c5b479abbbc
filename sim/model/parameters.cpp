#include "samen/model/parameters.hpp"

#include "samen/dynamics/policies.hpp"

namespace samen {
namespace {

void real(ParamRegistry& r, const char* name, const char* def, double lo, double hi,
          const char* unit, const char* description, const char* source) {
  r.add({name, ParamType::Real, def, lo, hi, unit, description, source});
}

void integer(ParamRegistry& r, const char* name, const char* def, double lo, double hi,
             const char* unit, const char* description, const char* source) {
  r.add({name, ParamType::Integer, def, lo, hi, unit, description, source});
}

void text(ParamRegistry& r, const char* name, const char* def, const char* description,
          const char* source) {
  r.add({name, ParamType::Text, def, 0, 0, "", description, source});
}

ParamRegistry build() {
  ParamRegistry r;
  // --- run ---------------------------------------------------------------
  integer(r, "run.seed", "20111", 0, 4294967295.0, "",
          "Seed of every random stream; a run is a pure function of config, seed and replicate.",
          "assumption: any value; recorded in every output");
  text(r, "survey.targets", "survey_targets.csv",
       "Survey figures the field is calibrated to and compared with, relative to the config file.",
       "Bulsink & Van der Klein (2012), digested in scenarios/survey_targets.csv");

  // --- field: scale --------------------------------------------------------
  integer(r, "field.municipalities", "20", 1, 2000, "municipalities",
          "Number of municipalities; each has one CJG.",
          "assumption: a region of about 20 municipalities; the country had 418 in 2011");
  integer(r, "field.families", "100000", 100, 5000000, "families",
          "Families with children under 18 in the field.",
          "assumption: about 1.9 million in the Netherlands (CBS); a region holds about 100k");
  integer(r, "field.municipalities_per_province", "35", 1, 2000, "municipalities",
          "Municipalities per province; each province has one Bureau Jeugdzorg.",
          "assumption: 12 provinces for about 418 municipalities");
  real(r, "field.municipality_size_spread", "0.8", 0, 3, "log-sd",
       "Spread of municipality sizes (standard deviation of log family counts).",
       "assumption: Dutch municipalities range from a few thousand to a few hundred thousand "
       "inhabitants");
  real(r, "field.projects_per_10k_families", "30", 0.5, 500, "projects",
       "Volunteer-professional projects around youth and family per 10,000 families.",
       "assumption: a few to a few dozen local projects per municipality; the survey reached 142 "
       "of an unknown total");
  real(r, "field.clinics_per_10k_families", "3", 0.1, 100, "organisations",
       "Child health clinic (consultatiebureau) organisations per 10,000 families, at least one "
       "per municipality.",
       "assumption: clinics are run per municipality or per region");
  real(r, "field.schools_per_10k_families", "20", 0.1, 200, "schools",
       "Schools per 10,000 families, at least one per municipality.",
       "assumption: about 7,000 primary schools for 1.9 million families is about 37; schools "
       "are grouped here");
  real(r, "field.welfare_vos_per_10k_families", "3", 0, 100, "organisations",
       "Volunteer organisations in welfare per 10,000 families (at least one per municipality).",
       "assumption: Humanitas, Home-Start and similar local branches");
  real(r, "field.care_vos_per_10k_families", "1.5", 0, 100, "organisations",
       "Volunteer organisations in care per 10,000 families (at least one per municipality).",
       "assumption");
  real(r, "field.sports_clubs_per_10k_families", "15", 0, 200, "clubs",
       "Sports clubs per 10,000 families (at least one per municipality).",
       "assumption: about 25,000 sports clubs nationally, many without youth work");
  real(r, "field.religious_orgs_per_10k_families", "4", 0, 100, "organisations",
       "Religious organisations active for youth and family per 10,000 families.", "assumption");
  real(r, "field.other_vos_per_10k_families", "3", 0, 100, "organisations",
       "Other volunteer organisations per 10,000 families.", "assumption");
  real(r, "field.selforgs_per_10k_migrant_families", "10", 0, 200, "organisations",
       "Migrant self-organisations per 10,000 migrant families (at least one per municipality).",
       "assumption: expert interviews describe many small community associations");

  // --- families ------------------------------------------------------------
  real(r, "family.migrant_share", "0.25", 0, 1, "share",
       "Share of families with a migrant background.",
       "assumption: about a quarter of Dutch children have a migration background (CBS 2011)");
  real(r, "family.child_0_4_share", "0.3", 0, 1, "share",
       "Share of families whose youngest child is 0-4 (the clinic's age).", "assumption");
  real(r, "family.child_4_12_share", "0.4", 0, 1, "share",
       "Share of families whose youngest child is 4-12; the rest are 12-18.", "assumption");
  real(r, "family.light_need_share", "0.15", 0, 1, "share",
       "Share of families with a light parenting question at the start.",
       "assumption: parenting surveys report 10-20% of parents with questions at any time");
  real(r, "family.serious_need_share", "0.05", 0, 1, "share",
       "Share of families with a serious problem at the start.",
       "assumption: about 5% of youth use youth care in a year");
  real(r, "family.trust_mean", "0.7", 0, 1, "0-1",
       "Mean trust in formal services of families without a migrant background.", "assumption");
  real(r, "family.migrant_trust_gap", "0.2", 0, 1, "0-1",
       "How much lower migrant families' trust in formal services is on average.",
       "assumption: experts report that migrant families distrust youth care");
  real(r, "family.trust_spread", "0.15", 0, 0.5, "0-1",
       "Standard deviation of trust between families.", "assumption");
  real(r, "family.network_mean", "0.6", 0, 1, "0-1",
       "Mean strength of a family's informal network.", "assumption");
  real(r, "family.network_spread", "0.2", 0, 0.5, "0-1",
       "Standard deviation of informal network strength.", "assumption");

  // --- respondents -----------------------------------------------------------
  real(r, "survey.home_start_response_factor", "4", 1, 50, "ratio",
       "How much likelier a Home-Start project answered the survey than another project; sets "
       "the field's Home-Start share below the respondents' 41 of 142.",
       "assumption: Humanitas asked its Home-Start projects to take part (P.orgtype.vo_welfare)");
  real(r, "survey.home_start_share", "0.289", 0, 1, "share",
       "Share of Home-Start projects among the survey's project respondents.",
       "P.orgtype.vo_welfare note: 41 of the 142 respondents are Home-Start projects");
  real(r, "survey.volunteer_user_response_factor", "2", 1, 20, "ratio",
       "How much likelier a regular organisation that works with volunteers answered.",
       "assumption: the report says such organisations were more likely to answer "
       "(R.uses_volunteers.all)");
  real(r, "survey.grade_sd", "1", 0.1, 3, "grade points",
       "Spread of individual grades assumed for the 95% interval of a mean grade.",
       "assumption: the printed grade bands (e.g. 3% below 6, 77% 8 or higher) imply about 1");

  // --- projects: mechanisms --------------------------------------------------
  real(r, "project.home_start_profile", "1.5", 0, 5, "probit shift",
       "How strongly Home-Start projects show their profile (one-to-one home visits by trained, "
       "coordinator-led volunteer parents to families with young children, national programme, "
       "written agreements, clinics as main partner).",
       "assumption: Home-Start's published method; shifts latent answers, survey shares held");
  real(r, "project.host_match", "2.5", 0, 6, "probit shift",
       "How much more likely organised volunteers are registered at the host's own kind of "
       "organisation (volunteer organisation or professional institution).",
       "assumption: P.vtype.org_fixed_vo is close to the share of projects hosted by VOs");
  real(r, "project.free_role_from_target", "1", 0, 4, "probit shift",
       "Effect of recruiting from the target group on organised volunteers having free roles.",
       "survey text: projects that recruit from their target group organise them with freer "
       "roles");
  real(r, "project.migrant_profile", "2", 0, 5, "probit shift",
       "Effect of a migrant self-organisation host, or new-Dutch target group, on migrant "
       "targets, integration goals and target-group volunteers.",
       "assumption: self-organisations work for and with their own community");
  real(r, "project.level_scale_match", "2", 0, 6, "probit shift",
       "Effect of the level a respondent answers for on naming that level as a scale of the "
       "project.",
       "assumption: respondents answer for a level at which the project works");
  real(r, "project.form_task", "1", 0, 4, "probit shift",
       "Effect of a project's form on the matching volunteer tasks and forms of cooperation "
       "(personal guidance: guidance, buddy, case contact; group activities: organising, "
       "supervising).",
       "assumption");
  real(r, "project.size_spread", "0.9", 0.1, 3, "log-sd",
       "Spread of the number of volunteers between projects (log-normal).",
       "assumption: P.size gives only the split at 20");
  real(r, "project.home_start_size", "0.3", -2, 2, "log",
       "Larger volunteer pools of Home-Start projects (log of the ratio).", "assumption");
  real(r, "project.type_presence", "1.5", 0, 5, "probit shift",
       "Effect of having a kind of volunteer on naming it as needing support (P.need_for).",
       "assumption");
  real(r, "project.knowledge_demand", "0.8", 0, 4, "probit shift per sd",
       "Effect of low mean pedagogical knowledge of a project's volunteers on wanting support "
       "with background knowledge.",
       "assumption: demand for knowledge follows its lack");
  real(r, "project.steering_frequency", "0.8", 0, 4, "probit shift",
       "Effect of professional steering on how often professionals and volunteers work together.",
       "assumption");
  real(r, "project.frequency_division", "0.3", 0, 2, "probit shift per level",
       "Effect of working together more often on a clearer internal task division.",
       "assumption: consultation creates agreements");
  real(r, "project.boundaries_knowledge", "0.6", 0, 3, "probit shift per sd",
       "Effect of low volunteer knowledge on volunteers going beyond their limits.",
       "survey text: volunteers go beyond their limits; knowledge is what they ask for");
  real(r, "project.boundaries_division", "0.5", 0, 3, "probit shift",
       "Protective effect of a written internal task division against boundary crossing.",
       "assumption");
  real(r, "project.boundaries_overestimation", "0.8", 0, 3, "probit shift",
       "Effect of a coordinator who overestimates volunteers on boundary crossing.", "assumption");
  real(r, "project.vision_from_target", "0.5", 0, 3, "probit shift",
       "Effect of volunteers from the target group on differing pedagogical visions.",
       "survey text: volunteers bring a different view on parenting (P.value.other_view)");
  real(r, "project.grade_frequency", "0.25", 0, 2, "probit shift per level",
       "Effect of working together more often on the grade of cooperation.", "assumption");
  real(r, "project.grade_division", "0.35", 0, 2, "probit shift per level",
       "Effect of task-division clarity on the grade of cooperation.",
       "survey text: grades follow clarity and communication");
  real(r, "project.grade_obstacle", "0.5", 0, 3, "probit shift per obstacle",
       "Effect of each obstacle on the grade of cooperation.", "assumption");
  real(r, "project.chain_form_division", "0.8", 0, 4, "probit shift",
       "Effect of aligning the task division with a partner on a clear task division with it.",
       "assumption");
  real(r, "project.grade_forms", "0.1", 0, 1, "probit shift per form",
       "Effect of each form of cooperation with a partner on the grade of that tie.",
       "assumption: broader cooperation is better known and valued");
  real(r, "project.target_partner", "0.7", 0, 3, "probit shift",
       "Effect of a matching target group or goal on cooperating with the matching institution "
       "(young children: clinic and CJG; school-age: schools; vulnerable youth: Bureau "
       "Jeugdzorg).",
       "assumption");
  real(r, "project.cjg_contact_cooperation", "2", 0, 6, "probit shift",
       "Effect of cooperating with the CJG on having contact with it.",
       "survey text: most projects that do not cooperate with their CJG have no contact");
  real(r, "project.cjg_awareness_contact", "1", 0, 4, "probit shift per level",
       "Effect of each level of contact with the CJG on knowing what it does.",
       "survey text: awareness follows contact");
  real(r, "project.cjg_unknown_share", "0.4", 0, 1, "share",
       "Of projects that do not know what the CJG does, the share to whom it is unknown "
       "altogether (the rest know it by name only).",
       "assumption: P.cjg.unaware gives only the two together");
  real(r, "project.cjg_well_informed_share", "0.4", 0, 1, "share",
       "Of projects that know what the CJG does, the share that is well informed (the rest "
       "reasonably).",
       "assumption: the report's figure 2 bins are not in the digest");
  real(r, "project.respondent_volunteer", "2", 0, 5, "probit shift",
       "Effect of volunteer-only steering on the respondent being a volunteer.", "assumption");

  // --- volunteers and coordinators -----------------------------------------------
  real(r, "volunteer.individual_weight", "0.3", 0.01, 10, "ratio",
       "Relative number of individual citizens to organised volunteers within a project that has "
       "both.",
       "assumption: individual citizens are incidental and few");
  real(r, "volunteer.part_from_target", "0.5", 0.05, 0.95, "share",
       "Share of volunteers from the target group in projects where part of them are.",
       "assumption");
  real(r, "volunteer.migrant_share", "0.1", 0, 1, "share",
       "Share of volunteers with a migrant background in projects without a migrant focus.",
       "assumption");
  real(r, "volunteer.migrant_share_focus", "0.8", 0, 1, "share",
       "Share of target-group volunteers with a migrant background in projects of or for "
       "migrants.",
       "assumption");
  real(r, "volunteer.knowledge_mean", "0.5", 0, 1, "0-1",
       "Mean pedagogical background knowledge of volunteers.", "assumption: a scale midpoint");
  real(r, "volunteer.knowledge_spread", "0.15", 0, 0.5, "0-1",
       "Standard deviation of volunteers' knowledge.", "assumption");
  real(r, "volunteer.knowledge_trained", "0.1", 0, 0.5, "0-1",
       "Extra knowledge of organised fixed-task volunteers (trained for their task).",
       "assumption: Home-Start and similar schemes train their volunteers");
  real(r, "volunteer.knowledge_target_gap", "0.1", 0, 0.5, "0-1",
       "Lower knowledge of volunteers from the target group.", "assumption");
  real(r, "volunteer.capacity_mean", "1.5", 0.1, 10, "families",
       "Mean number of families a regular volunteer can support at once (incidental: one).",
       "assumption: Home-Start volunteers visit one family weekly");
  real(r, "volunteer.appreciation_mean", "0.7", 0, 1, "0-1",
       "Mean appreciation volunteers feel at the start.",
       "assumption: internal cooperation is graded well (P.int.grade.mean 7.8)");
  real(r, "volunteer.tenure_mean_weeks", "150", 1, 2000, "weeks",
       "Mean time volunteers have been active at the start (exponential).", "assumption");
  real(r, "coordinator.volunteers_per_coordinator", "20", 1, 500, "volunteers",
       "Volunteers one coordinating professional guides; a project has at least one.",
       "assumption");
  real(r, "coordinator.guidance_hours", "0.5", 0.01, 10, "hours/week per volunteer",
       "Median guidance time per volunteer a week.", "assumption");
  real(r, "coordinator.guidance_spread", "0.5", 0, 2, "log-sd",
       "Spread of guidance time between coordinators.", "assumption");
  real(r, "coordinator.misjudgement_guidance", "0.5", 0, 3, "probit shift per log-sd",
       "Effect of less guidance time on a coordinator misjudging volunteers.",
       "survey text: more guidance time is the improvement asked for");

  // --- regular organisations and CJGs -----------------------------------------------
  real(r, "org.type_profile", "1.5", 0, 5, "probit shift",
       "How strongly organisation types show their profile (clinics and CJGs: parents and young "
       "children, target-group volunteers; schools: school-age children; Bureaus Jeugdzorg: "
       "youth, helpline volunteers).",
       "survey text (section 3.2); shifts latent answers, survey shares held");
  real(r, "org.kindertelefoon_share", "0.545", 0, 1, "share",
       "Share of Bureaus Jeugdzorg that run a Kindertelefoon child helpline.",
       "R.type.bjz: 6 of the 11 responding Bureaus Jeugdzorg");
  real(r, "org.vo_oral_share_of_clear", "0.667", 0, 1, "share",
       "Share of oral agreements among clear task divisions of regular organisations with their "
       "main volunteer organisation.",
       "R.vo.division.clear note: two thirds oral, one third written");
  real(r, "org.small_volunteer_median", "8", 1, 50, "volunteers",
       "Median number of volunteers of an organisation with 50 or fewer.",
       "survey text: CJGs mostly have 0-5 or 10-20");
  real(r, "org.large_volunteer_median", "120", 51, 2000, "volunteers",
       "Median number of volunteers of an organisation with more than 50.",
       "assumption: a Kindertelefoon has about a hundred");
  real(r, "cjg.staff_per_10k_families", "15", 0.5, 200, "staff",
       "CJG staff per 10,000 families (at least one per CJG).", "assumption");
  real(r, "cjg.staff_hours", "28", 1, 40, "hours/week", "Contract hours of a CJG staff member.",
       "assumption: mostly part-time");
  real(r, "cjg.openness_mean", "0.5", 0, 1, "0-1", "Mean openness of CJG staff towards volunteers.",
       "survey text: some CJGs are closed in their attitude towards volunteers");
  real(r, "cjg.openness_spread", "0.2", 0, 0.5, "0-1",
       "Standard deviation of openness between staff.", "assumption");
  real(r, "selforg.bridge_builders_mean", "5", 1, 100, "people",
       "Mean number of bridge-builders (key figures) of a self-organisation.", "assumption");
  real(r, "selforg.families_per_builder", "2", 0.1, 20, "families/week",
       "Families a bridge-builder can inform or refer a week.", "assumption");
  real(r, "selforg.trust_mean", "0.3", 0, 1, "0-1",
       "Mean trust between a self-organisation and professionals at the start.",
       "survey text: there is a gap fed by mutual perceptions");

  // --- run ----------------------------------------------------------------------
  integer(r, "run.weeks", "520", 0, 5200, "weeks", "Weeks simulated and recorded after the burn-in.",
          "assumption: the policy horizon of ten years");
  integer(r, "run.burn_in_weeks", "520", 0, 5200, "weeks",
          "Weeks simulated before recording starts, so that families' needs and help settle.",
          "assumption: ten years let needs, help and waiting lists settle; with five, migrant reach still drifted");
  integer(r, "run.replicates", "1", 1, 10000, "replicates", "Replicates of the scenario.",
          "assumption");
  integer(r, "run.survey_every", "0", 0, 5200, "weeks",
          "Weeks between survey snapshots (0: only the first and last week).", "assumption");

  // --- dynamics: needs ---------------------------------------------------------------
  real(r, "need.light_weeks", "26", 1, 1040, "weeks",
       "Mean duration of a light parenting question without help.", "assumption");
  real(r, "need.serious_weeks", "104", 1, 1040, "weeks",
       "Mean duration of a serious problem without professional care.", "assumption");
  real(r, "need.escalation_weeks", "260", 1, 5200, "weeks",
       "Mean time until an unhelped light question becomes a serious problem.",
       "assumption: prevention is the reason the field exists");
  real(r, "need.help_speedup", "2", 1, 20, "ratio",
       "How much faster light questions resolve with informal help (volunteer or "
       "self-organisation).",
       "assumption");
  real(r, "need.help_protection", "0.5", 0, 1, "share",
       "Share of escalations to a serious problem that informal help prevents.", "assumption");
  real(r, "need.care_speedup", "4", 1, 50, "ratio",
       "How much faster problems resolve in professional care.", "assumption");

  // --- dynamics: seeking help ------------------------------------------------------------
  real(r, "seek.formal_rate", "0.01", 0, 1, "per week",
       "Weekly chance that a family in need without help turns to the CJG, at full trust.",
       "assumption: the system assumes families find help themselves");
  real(r, "seek.informal_rate", "0.05", 0, 1, "per week",
       "Weekly chance that a family in need without help turns to informal help, at full network "
       "strength.",
       "assumption");
  real(r, "seek.selforg_preference", "0.5", 0, 1, "share",
       "Share of migrant families' informal help seeking that goes to a self-organisation.",
       "survey text: bridge-builders inform and refer people of their community");
  real(r, "seek.project_reach", "0.4", 0, 1, "probability",
       "Chance that a project takes on a family that turns to it (before the target-group bonus).",
       "assumption");
  real(r, "seek.target_group_reach", "1", 0, 5, "ratio",
       "Extra chance that a project takes on a migrant family, per share of migrant volunteers.",
       "survey text: target-group volunteers reach the target group better (P.value.reach)");

  // --- dynamics: referral ----------------------------------------------------------------
  real(r, "refer.base", "0.05", 0, 1, "per week",
       "Weekly chance that a volunteer of average knowledge refers a serious case onward.",
       "assumption");
  real(r, "refer.knowledge", "0.5", 0, 3, "logit per sd",
       "Effect of the volunteer's pedagogical knowledge on referring.",
       "survey text: knowledge makes referral likely");
  real(r, "refer.written_division", "0.5", 0, 3, "logit",
       "Effect of a written internal task division on referring.",
       "survey text: a clear task division makes referral likely");
  real(r, "refer.cjg_awareness", "0.3", 0, 3, "logit per level",
       "Effect of the project knowing what the CJG does (0-3) on referring.",
       "survey text: a working tie to professionals makes referral likely");
  real(r, "refer.boundary_chance", "0.3", 0, 1, "probability",
       "Weekly chance that a volunteer who keeps a serious case goes beyond their limits.",
       "survey text: without referral volunteers go beyond their limits (P.int.obstacle.boundaries)");
  real(r, "selforg.refer_rate", "0.08", 0, 1, "per week",
       "Weekly chance, at full trust, that a self-organisation refers a serious case onward.",
       "survey text: with more trust they would refer");
  real(r, "selforg.overload_ratio", "1", 0.1, 10, "ratio",
       "Load over capacity above which a self-organisation counts as over-asked.", "assumption");

  // --- dynamics: the CJG -------------------------------------------------------------
  real(r, "cjg.case_share", "0.6", 0, 1, "share",
       "Share of CJG staff hours that goes to families in care.", "assumption");
  real(r, "cjg.hours_per_family", "1", 0.1, 40, "hours/week",
       "Professional hours a family in care takes a week.", "assumption");

  // --- dynamics: volunteers and coordinators ------------------------------------------------
  real(r, "volunteer.quit_weeks", "150", 1, 5200, "weeks",
       "Mean time a volunteer stays at average burden and appreciation.",
       "assumption; matches volunteer.tenure_mean_weeks");
  real(r, "volunteer.quit_burden", "1", 0, 10, "logit per unit",
       "Effect of burden (0-1 and above) on quitting.", "assumption");
  real(r, "volunteer.quit_appreciation", "2", 0, 10, "logit per unit",
       "Protective effect of felt appreciation above its mean on quitting.", "assumption");
  real(r, "volunteer.vacancy_fill_weeks", "8", 1, 520, "weeks",
       "Mean time a project needs to fill a vacant place.", "assumption");
  real(r, "volunteer.appreciation_weeks", "26", 1, 520, "weeks",
       "Time over which felt appreciation follows guidance and judgement.", "assumption");
  real(r, "volunteer.appreciation_guidance", "0.1", 0, 1, "per log-sd",
       "Effect of a coordinator's guidance time on felt appreciation.",
       "survey text: more professional time and attention is the improvement asked for");
  real(r, "volunteer.appreciation_underestimation", "0.2", 0, 1, "0-1",
       "Loss of felt appreciation under a coordinator who underestimates volunteers.",
       "assumption");
  real(r, "volunteer.burden_crossing", "0.2", 0, 2, "per crossing",
       "Burden added each time a volunteer goes beyond their limits.", "assumption");
  real(r, "volunteer.burden_weeks", "8", 1, 520, "weeks",
       "Time over which burden fades.", "assumption");
  real(r, "coordinator.rejudge_weeks", "104", 1, 5200, "weeks",
       "Mean time until a coordinator's judgement of volunteers is formed anew (new staff, new "
       "volunteers).",
       "assumption");
  real(r, "ties.turnover_weeks", "156", 1, 5200, "weeks",
       "Mean time over which staff turnover renews a tie's informal state (unwritten "
       "agreements, contacts, grades).",
       "assumption: staff turnover erodes unwritten agreements");
  declare_policy_parameters(r);
  return r;
}

}  // namespace

const ParamRegistry& model_parameters() {
  static const ParamRegistry registry = build();
  return registry;
}

}  // namespace samen
