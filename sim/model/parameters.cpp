// The declarations of every model parameter outside the policy options: the
// one place each key's default, allowed range, plausible range and source live.
#include "samen/model/parameters.hpp"

namespace samen {

void RunParams::fields(ParamVisitor& v) {
  v.integer(seed, "seed", 20111, {0, 4294967295.0}, "",
            "Seed of every random stream; a run is a pure function of config, seed and replicate.",
            setting("any value; recorded in every output"));
  v.integer(weeks, "weeks", 520, {0, 5200}, "weeks",
            "Weeks simulated and recorded after the burn-in.",
            setting("the policy horizon of ten years"));
  v.integer(burn_in_weeks, "burn_in_weeks", 520, {0, 5200}, "weeks",
            "Weeks simulated before recording starts, so that families' needs and help settle.",
            setting("ten years let needs, help and waiting lists settle; with five, migrant reach "
                    "still drifted"));
  v.integer(replicates, "replicates", 1, {1, 10000}, "replicates", "Replicates of the scenario.",
            setting("more replicates narrow the intervals of comparisons"));
  v.integer(survey_every, "survey_every", 0, {0, 5200}, "weeks",
            "Weeks between survey snapshots (0: only the first and last week).",
            setting("snapshots cost disk space; the first and last week suffice for the fit"));
}

void SurveyParams::fields(ParamVisitor& v) {
  v.text(targets, "targets", "survey_targets.csv",
         "Survey figures the field is calibrated to and compared with, relative to the config "
         "file.",
         survey("Bulsink & Van der Klein (2012), digested in scenarios/survey_targets.csv"));
  v.real(home_start_response_factor, "home_start_response_factor", 4, {1, 50}, "ratio",
         "How much likelier a Home-Start project answered the survey than another project; sets "
         "the field's Home-Start share below the respondents' 41 of 142.",
         assumption({2, 8},
                    "Humanitas asked its Home-Start projects to take part "
                    "(P.orgtype.vo_welfare); 2 to 8 spans a mild to a strong push"));
  v.real(home_start_share, "home_start_share", 0.289, {0, 1}, "share",
         "Share of Home-Start projects among the survey's project respondents.",
         survey("P.orgtype.vo_welfare note: 41 of the 142 respondents are Home-Start projects"));
  v.real(volunteer_user_response_factor, "volunteer_user_response_factor", 2, {1, 20}, "ratio",
         "How much likelier a regular organisation that works with volunteers answered.",
         assumption({1, 4},
                    "the report says such organisations were more likely to answer "
                    "(R.uses_volunteers.all); from no bias to four times as likely"));
  v.real(grade_sd, "grade_sd", 1, {0.1, 3}, "grade points",
         "Spread of individual grades assumed for the 95% interval of a mean grade.",
         assumption({0.7, 1.5},
                    "the printed grade bands (e.g. 3% below 6, 77% 8 or higher) "
                    "imply about 1"));
}

void ScenarioParams::fields(ParamVisitor& v) {
  v.text(label, "label", "",
         "Name of the scenario in figures and reports, e.g. 'CJG knowledge sharing, 50% "
         "coverage'; empty: the scenario file's stem. Not inherited through 'base'.",
         setting("presentation only, no effect on any result"));
}

void FieldParams::fields(ParamVisitor& v) {
  v.integer(municipalities, "municipalities", 20, {1, 2000}, "municipalities",
            "Number of municipalities; each has one CJG.",
            setting("a region of about 20 municipalities; the country had 418 in 2011"));
  v.integer(families, "families", 100000, {100, 5000000}, "families",
            "Families with children under 18 in the field.",
            setting("about 1.9 million in the Netherlands (CBS); a region holds about 100k"));
  v.integer(municipalities_per_province, "municipalities_per_province", 35, {1, 2000},
            "municipalities",
            "Municipalities per province; each province has one Bureau Jeugdzorg.",
            setting("12 provinces for about 418 municipalities"));
  v.real(municipality_size_spread, "municipality_size_spread", 0.8, {0, 3}, "log-sd",
         "Spread of municipality sizes (standard deviation of log family counts).",
         assumption({0.5, 1.1},
                    "Dutch municipalities range from a few thousand to a few hundred "
                    "thousand inhabitants"));
  v.real(projects_per_10k_families, "projects_per_10k_families", 30, {0.5, 500}, "projects",
         "Volunteer-professional projects around youth and family per 10,000 families.",
         assumption({10, 60},
                    "a few to a few dozen local projects per municipality; the survey "
                    "reached 142 of an unknown total"));
  v.real(clinics_per_10k_families, "clinics_per_10k_families", 3, {0.1, 100}, "organisations",
         "Child health clinic (consultatiebureau) organisations per 10,000 families, at least one "
         "per municipality.",
         assumption({1.5, 6}, "clinics are run per municipality or per region"));
  v.real(schools_per_10k_families, "schools_per_10k_families", 20, {0.1, 200}, "schools",
         "Schools per 10,000 families, at least one per municipality.",
         assumption({10, 40},
                    "about 7,000 primary schools for 1.9 million families is about 37; "
                    "schools are grouped here"));
  v.real(welfare_vos_per_10k_families, "welfare_vos_per_10k_families", 3, {0, 100}, "organisations",
         "Volunteer organisations in welfare per 10,000 families (at least one per municipality).",
         assumption({1.5, 6}, "Humanitas, Home-Start and similar local branches"));
  v.real(care_vos_per_10k_families, "care_vos_per_10k_families", 1.5, {0, 100}, "organisations",
         "Volunteer organisations in care per 10,000 families (at least one per municipality).",
         assumption({0.5, 3}, "fewer than welfare organisations, as among the survey's partners"));
  v.real(sports_clubs_per_10k_families, "sports_clubs_per_10k_families", 15, {0, 200}, "clubs",
         "Sports clubs per 10,000 families (at least one per municipality).",
         assumption({8, 30}, "about 25,000 sports clubs nationally, many without youth work"));
  v.real(religious_orgs_per_10k_families, "religious_orgs_per_10k_families", 4, {0, 100},
         "organisations",
         "Religious organisations active for youth and family per 10,000 families.",
         assumption({2, 8}, "a few congregations with youth work per municipality"));
  v.real(other_vos_per_10k_families, "other_vos_per_10k_families", 3, {0, 100}, "organisations",
         "Other volunteer organisations per 10,000 families.",
         assumption({1.5, 6}, "as many as welfare organisations, within a factor of two"));
  v.real(selforgs_per_10k_migrant_families, "selforgs_per_10k_migrant_families", 10, {0, 200},
         "organisations",
         "Migrant self-organisations per 10,000 migrant families (at least one per municipality).",
         assumption({5, 20}, "expert interviews describe many small community associations"));
}

void FamilyParams::fields(ParamVisitor& v) {
  v.real(migrant_share, "migrant_share", 0.25, {0, 1}, "share",
         "Share of families with a migrant background.",
         assumption({0.2, 0.3},
                    "about a quarter of Dutch children have a migration background "
                    "(CBS 2011); regions differ"));
  v.real(child_0_4_share, "child_0_4_share", 0.3, {0, 1}, "share",
         "Share of families whose youngest child is 0-4 (the clinic's age).",
         assumption({0.25, 0.35},
                    "four of eighteen years of childhood, weighted towards the "
                    "youngest child"));
  v.real(child_4_12_share, "child_4_12_share", 0.4, {0, 1}, "share",
         "Share of families whose youngest child is 4-12; the rest are 12-18.",
         assumption({0.35, 0.45}, "eight of eighteen years of childhood"));
  v.real(light_need_share, "light_need_share", 0.15, {0, 1}, "share",
         "Share of families with a light parenting question at the start.",
         assumption({0.1, 0.2},
                    "parenting surveys report 10-20% of parents with questions at any "
                    "time"));
  v.real(serious_need_share, "serious_need_share", 0.05, {0, 1}, "share",
         "Share of families with a serious problem at the start.",
         assumption({0.03, 0.08}, "about 5% of youth use youth care in a year"));
  v.real(trust_mean, "trust_mean", 0.7, {0, 1}, "0-1",
         "Mean trust in formal services of families without a migrant background.",
         assumption({0.6, 0.8}, "most families find the clinic and the CJG"));
  v.real(migrant_trust_gap, "migrant_trust_gap", 0.2, {0, 1}, "0-1",
         "How much lower migrant families' trust in formal services is on average.",
         assumption({0.1, 0.3}, "experts report that migrant families distrust youth care"));
  v.real(trust_spread, "trust_spread", 0.15, {0, 0.5}, "0-1",
         "Standard deviation of trust between families.",
         assumption({0.1, 0.2}, "families differ, but most sit near the mean"));
  v.real(network_mean, "network_mean", 0.6, {0, 1}, "0-1",
         "Mean strength of a family's informal network.",
         assumption({0.5, 0.7}, "most families have relatives or neighbours to ask"));
  v.real(network_spread, "network_spread", 0.2, {0, 0.5}, "0-1",
         "Standard deviation of informal network strength.",
         assumption({0.15, 0.25}, "networks differ more than trust"));
}

void ProjectParams::fields(ParamVisitor& v) {
  v.real(home_start_profile, "home_start_profile", 1.5, {0, 5}, "probit shift",
         "How strongly Home-Start projects show their profile (one-to-one home visits by trained, "
         "coordinator-led volunteer parents to families with young children, national programme, "
         "written agreements, clinics as main partner).",
         assumption({1, 2},
                    "Home-Start's published method; shifts latent answers, survey shares "
                    "held"));
  v.real(host_match, "host_match", 2.5, {0, 6}, "probit shift",
         "How much more likely organised volunteers are registered at the host's own kind of "
         "organisation (volunteer organisation or professional institution).",
         assumption({1.5, 3.5},
                    "P.vtype.org_fixed_vo is close to the share of projects hosted "
                    "by VOs, so the match is strong"));
  v.real(free_role_from_target, "free_role_from_target", 1, {0, 4}, "probit shift",
         "Effect of recruiting from the target group on organised volunteers having free roles.",
         assumption({0.5, 1.5},
                    "survey text: projects that recruit from their target group "
                    "organise them with freer roles"));
  v.real(migrant_profile, "migrant_profile", 2, {0, 5}, "probit shift",
         "Effect of a migrant self-organisation host, or new-Dutch target group, on migrant "
         "targets, integration goals and target-group volunteers.",
         assumption({1, 3}, "self-organisations work for and with their own community"));
  v.real(level_scale_match, "level_scale_match", 2, {0, 6}, "probit shift",
         "Effect of the level a respondent answers for on naming that level as a scale of the "
         "project.",
         assumption({1, 3}, "respondents answer for a level at which the project works"));
  v.real(form_task, "form_task", 1, {0, 4}, "probit shift",
         "Effect of a project's form on the matching volunteer tasks and forms of cooperation "
         "(personal guidance: guidance, buddy, case contact; group activities: organising, "
         "supervising).",
         assumption({0.5, 1.5}, "a project's form names what its volunteers do"));
  v.real(size_spread, "size_spread", 0.9, {0.1, 3}, "log-sd",
         "Spread of the number of volunteers between projects (log-normal).",
         assumption({0.6, 1.2},
                    "P.size gives only the split at 20; projects range from a few to "
                    "a few hundred volunteers"));
  v.real(home_start_size, "home_start_size", 0.3, {-2, 2}, "log",
         "Larger volunteer pools of Home-Start projects (log of the ratio).",
         assumption({0, 0.6}, "Home-Start projects train a pool of volunteers each year"));
  v.real(type_presence, "type_presence", 1.5, {0, 5}, "probit shift",
         "Effect of having a kind of volunteer on naming it as needing support (P.need_for).",
         assumption({1, 2}, "projects name the volunteers they have"));
  v.real(knowledge_demand, "knowledge_demand", 0.8, {0, 4}, "probit shift per sd",
         "Effect of low mean pedagogical knowledge of a project's volunteers on wanting support "
         "with background knowledge.",
         assumption({0.4, 1.2}, "demand for knowledge follows its lack"));
  v.real(steering_frequency, "steering_frequency", 0.8, {0, 4}, "probit shift",
         "Effect of professional steering on how often professionals and volunteers work "
         "together.",
         assumption({0.4, 1.2}, "professionally steered projects meet their volunteers more"));
  v.real(frequency_division, "frequency_division", 0.3, {0, 2}, "probit shift per level",
         "Effect of working together more often on a clearer internal task division.",
         assumption({0.1, 0.5}, "consultation creates agreements"));
  v.real(boundaries_knowledge, "boundaries_knowledge", 0.6, {0, 3}, "probit shift per sd",
         "Effect of low volunteer knowledge on volunteers going beyond their limits.",
         assumption({0.3, 0.9},
                    "survey text: volunteers go beyond their limits; knowledge is what "
                    "they ask for"));
  v.real(boundaries_division, "boundaries_division", 0.5, {0, 3}, "probit shift",
         "Protective effect of a written internal task division against boundary crossing.",
         assumption({0.25, 0.75}, "a written division says where a volunteer's task ends"));
  v.real(boundaries_overestimation, "boundaries_overestimation", 0.8, {0, 3}, "probit shift",
         "Effect of a coordinator who overestimates volunteers on boundary crossing.",
         assumption({0.4, 1.2}, "survey text names both obstacles together"));
  v.real(vision_from_target, "vision_from_target", 0.5, {0, 3}, "probit shift",
         "Effect of volunteers from the target group on differing pedagogical visions.",
         assumption({0.25, 0.75},
                    "survey text: volunteers bring a different view on parenting "
                    "(P.value.other_view)"));
  v.real(grade_frequency, "grade_frequency", 0.25, {0, 2}, "probit shift per level",
         "Effect of working together more often on the grade of cooperation.",
         assumption({0.1, 0.4}, "partners who meet more grade their cooperation higher"));
  v.real(grade_division, "grade_division", 0.35, {0, 2}, "probit shift per level",
         "Effect of task-division clarity on the grade of cooperation.",
         assumption({0.2, 0.5}, "survey text: grades follow clarity and communication"));
  v.real(grade_obstacle, "grade_obstacle", 0.5, {0, 3}, "probit shift per obstacle",
         "Effect of each obstacle on the grade of cooperation.",
         assumption({0.25, 0.75}, "each obstacle named costs about half a grade point"));
  v.real(chain_form_division, "chain_form_division", 0.8, {0, 4}, "probit shift",
         "Effect of aligning the task division with a partner on a clear task division with it.",
         assumption({0.4, 1.2}, "partners who align tasks agree on them"));
  v.real(grade_forms, "grade_forms", 0.1, {0, 1}, "probit shift per form",
         "Effect of each form of cooperation with a partner on the grade of that tie.",
         assumption({0.05, 0.2}, "broader cooperation is better known and valued"));
  v.real(target_partner, "target_partner", 0.7, {0, 3}, "probit shift",
         "Effect of a matching target group or goal on cooperating with the matching institution "
         "(young children: clinic and CJG; school-age: schools; vulnerable youth: Bureau "
         "Jeugdzorg).",
         assumption({0.35, 1.05}, "projects work with the institutions of their families"));
  v.real(cjg_contact_cooperation, "cjg_contact_cooperation", 2, {0, 6}, "probit shift",
         "Effect of cooperating with the CJG on having contact with it.",
         assumption({1, 3},
                    "survey text: most projects that do not cooperate with their CJG have "
                    "no contact"));
  v.real(cjg_awareness_contact, "cjg_awareness_contact", 1, {0, 4}, "probit shift per level",
         "Effect of each level of contact with the CJG on knowing what it does.",
         assumption({0.5, 1.5}, "survey text: awareness follows contact"));
  v.real(cjg_unknown_share, "cjg_unknown_share", 0.4, {0, 1}, "share",
         "Of projects that do not know what the CJG does, the share to whom it is unknown "
         "altogether (the rest know it by name only).",
         assumption({0.25, 0.55}, "P.cjg.unaware gives only the two together"));
  v.real(cjg_well_informed_share, "cjg_well_informed_share", 0.4, {0, 1}, "share",
         "Of projects that know what the CJG does, the share that is well informed (the rest "
         "reasonably).",
         assumption({0.25, 0.55}, "the report's figure 2 bins are not in the digest"));
  v.real(respondent_volunteer, "respondent_volunteer", 2, {0, 5}, "probit shift",
         "Effect of volunteer-only steering on the respondent being a volunteer.",
         assumption({1, 3}, "where volunteers steer, a volunteer answers"));
  v.real(obstacle_memory_weeks, "obstacle_memory_weeks", 26, {1, 520}, "weeks",
         "How long a project names 'volunteers go beyond their limits' as an obstacle after a "
         "volunteer last did.",
         assumption({13, 52}, "respondents recall the last half year or so"));
}

void VolunteerParams::fields(ParamVisitor& v) {
  v.real(individual_weight, "individual_weight", 0.3, {0.01, 10}, "ratio",
         "Relative number of individual citizens to organised volunteers within a project that "
         "has both.",
         assumption({0.15, 0.6}, "individual citizens are incidental and few"));
  v.real(part_from_target, "part_from_target", 0.5, {0.05, 0.95}, "share",
         "Share of volunteers from the target group in projects where part of them are.",
         assumption({0.3, 0.7}, "'part' of the volunteers: neither few nor nearly all"));
  v.real(migrant_share, "migrant_share", 0.1, {0, 1}, "share",
         "Share of volunteers with a migrant background in projects without a migrant focus.",
         assumption({0.05, 0.15}, "migrants volunteer in regular organisations less often"));
  v.real(migrant_share_focus, "migrant_share_focus", 0.8, {0, 1}, "share",
         "Share of target-group volunteers with a migrant background in projects of or for "
         "migrants.",
         assumption({0.6, 0.95}, "such projects recruit in their own community"));
  v.real(knowledge_mean, "knowledge_mean", 0.5, {0, 1}, "0-1",
         "Mean pedagogical background knowledge of volunteers.",
         assumption({0.4, 0.6}, "a scale midpoint"));
  v.real(knowledge_spread, "knowledge_spread", 0.15, {0, 0.5}, "0-1",
         "Standard deviation of volunteers' knowledge.",
         assumption({0.1, 0.2}, "volunteers differ, most near the mean"));
  v.real(knowledge_trained, "knowledge_trained", 0.1, {0, 0.5}, "0-1",
         "Extra knowledge of organised fixed-task volunteers (trained for their task).",
         assumption({0.05, 0.15}, "Home-Start and similar schemes train their volunteers"));
  v.real(knowledge_target_gap, "knowledge_target_gap", 0.1, {0, 0.5}, "0-1",
         "Lower knowledge of volunteers from the target group.",
         assumption({0.05, 0.15}, "target-group volunteers bring experience more than training"));
  v.real(capacity_mean, "capacity_mean", 1.5, {0.1, 10}, "families",
         "Mean number of families a regular volunteer can support at once (incidental: one).",
         assumption({1, 2.5},
                    "Home-Start volunteers visit one family weekly; buddies sometimes "
                    "two or three"));
  v.real(appreciation_mean, "appreciation_mean", 0.7, {0, 1}, "0-1",
         "Mean appreciation volunteers feel at the start.",
         assumption({0.6, 0.8}, "internal cooperation is graded well (P.int.grade.mean 7.8)"));
  v.real(tenure_mean_weeks, "tenure_mean_weeks", 150, {1, 2000}, "weeks",
         "Mean time volunteers have been active at the start (exponential).",
         assumption({100, 250}, "two to five years, as volunteer.quit_weeks"));
  v.real(quit_weeks, "quit_weeks", 150, {1, 5200}, "weeks",
         "Mean time a volunteer stays at average burden and appreciation.",
         assumption({100, 250},
                    "volunteers in youth work stay two to five years; matches "
                    "volunteer.tenure_mean_weeks"));
  v.real(quit_burden, "quit_burden", 1, {0, 10}, "logit per unit",
         "Effect of burden (0-1 and above) on quitting.",
         assumption({0.5, 2}, "at full burden the odds of quitting rise 1.6 to 7 times"));
  v.real(quit_appreciation, "quit_appreciation", 2, {0, 10}, "logit per unit",
         "Protective effect of felt appreciation above its mean on quitting.",
         assumption({1, 3},
                    "appreciation keeps volunteers; a tenth more lowers quitting by "
                    "10-26%"));
  v.real(vacancy_fill_weeks, "vacancy_fill_weeks", 8, {1, 520}, "weeks",
         "Mean time a project needs to fill a vacant place.",
         assumption({4, 16}, "one to four months; recruitment support is asked for"));
  v.real(appreciation_weeks, "appreciation_weeks", 26, {1, 520}, "weeks",
         "Time over which felt appreciation follows guidance and judgement.",
         assumption({13, 52}, "a quarter to a year"));
  v.real(appreciation_guidance, "appreciation_guidance", 0.1, {0, 1}, "per log-sd",
         "Effect of a coordinator's guidance time on felt appreciation.",
         assumption({0.05, 0.2},
                    "survey text: more professional time and attention is the "
                    "improvement asked for"));
  v.real(appreciation_underestimation, "appreciation_underestimation", 0.2, {0, 1}, "0-1",
         "Loss of felt appreciation under a coordinator who underestimates volunteers.",
         assumption({0.1, 0.3}, "being underestimated is named as an obstacle"));
  v.real(burden_crossing, "burden_crossing", 0.2, {0, 2}, "per crossing",
         "Burden added each time a volunteer goes beyond their limits.",
         assumption({0.1, 0.4}, "a few crossings make a heavy burden"));
  v.real(burden_weeks, "burden_weeks", 8, {1, 520}, "weeks", "Time over which burden fades.",
         assumption({4, 16}, "one to four months"));
  v.real(quit_unclear, "quit_unclear", 0.5, {0, 5}, "logit",
         "Effect of no internal task division between professionals and volunteers on quitting.",
         assumption({0.25, 1},
                    "the survey names unclear tasks among the obstacles; unclear roles "
                    "drive volunteers away"));
  v.real(quit_newcomer, "quit_newcomer", 0.7, {0, 5}, "logit",
         "Extra chance of quitting in a volunteer's first weeks (volunteer.newcomer_weeks).",
         assumption({0.35, 1.4}, "volunteers who leave mostly leave early"));
  v.real(newcomer_weeks, "newcomer_weeks", 26, {1, 520}, "weeks",
         "How long a volunteer counts as a newcomer.", assumption({13, 52}, "the first half year"));
}

void CoordinatorParams::fields(ParamVisitor& v) {
  v.real(volunteers_per_coordinator, "volunteers_per_coordinator", 20, {1, 500}, "volunteers",
         "Volunteers one coordinating professional guides; a project has at least one.",
         assumption({10, 40}, "a part-time coordinator guides a few dozen volunteers"));
  v.real(guidance_hours, "guidance_hours", 0.5, {0.01, 10}, "hours/week per volunteer",
         "Median guidance time per volunteer a week.",
         assumption({0.25, 1}, "a talk every few weeks plus group meetings"));
  v.real(guidance_spread, "guidance_spread", 0.5, {0, 2}, "log-sd",
         "Spread of guidance time between coordinators.",
         assumption({0.3, 0.7}, "coordinators differ by a factor of two or so"));
  v.real(misjudgement_guidance, "misjudgement_guidance", 0.5, {0, 3}, "probit shift per log-sd",
         "Effect of less guidance time on a coordinator misjudging volunteers.",
         assumption({0.25, 0.75}, "survey text: more guidance time is the improvement asked for"));
  v.real(turnover_weeks, "turnover_weeks", 104, {1, 5200}, "weeks",
         "Mean time until a coordinator is replaced (or forms a new judgement of the volunteers); "
         "a new coordinator loses the oral internal agreements and the feel of the cooperation.",
         assumption({52, 208}, "coordinators and volunteers change every few years"));
}

void OrgParams::fields(ParamVisitor& v) {
  v.real(type_profile, "type_profile", 1.5, {0, 5}, "probit shift",
         "How strongly organisation types show their profile (clinics and CJGs: parents and young "
         "children, target-group volunteers; schools: school-age children; Bureaus Jeugdzorg: "
         "youth, helpline volunteers).",
         assumption({1, 2},
                    "survey text (section 3.2); shifts latent answers, survey shares "
                    "held"));
  v.real(kindertelefoon_share, "kindertelefoon_share", 0.545, {0, 1}, "share",
         "Share of Bureaus Jeugdzorg that run a Kindertelefoon child helpline.",
         survey("R.type.bjz: 6 of the 11 responding Bureaus Jeugdzorg"));
  v.real(vo_oral_share_of_clear, "vo_oral_share_of_clear", 0.667, {0, 1}, "share",
         "Share of oral agreements among clear task divisions of regular organisations with their "
         "main volunteer organisation.",
         survey("R.vo.division.clear note: two thirds oral, one third written"));
  v.real(small_volunteer_median, "small_volunteer_median", 8, {1, 50}, "volunteers",
         "Median number of volunteers of an organisation with 50 or fewer.",
         assumption({5, 12}, "survey text: CJGs mostly have 0-5 or 10-20"));
  v.real(large_volunteer_median, "large_volunteer_median", 120, {51, 2000}, "volunteers",
         "Median number of volunteers of an organisation with more than 50.",
         assumption({80, 200}, "a Kindertelefoon has about a hundred"));
  v.real(vo_start_weeks, "vo_start_weeks", 265, {1, 5200}, "weeks",
         "Mean time until a school, clinic, Bureau Jeugdzorg or CJG that does not cooperate with "
         "volunteer organisations starts to.",
         assumption({132, 530},
                    "tuned to R.vo.any (tools/tune_dynamics.ini); about half of "
                    "them cooperate, so starts balance ends"));
  v.real(vo_cooperation_weeks, "vo_cooperation_weeks", 260, {1, 5200}, "weeks",
         "Mean time a regular organisation's cooperation with volunteer organisations lasts.",
         assumption({156, 520}, "cooperation rests on people and projects that last years"));
  v.real(vo_clear_at_start, "vo_clear_at_start", 0.7, {0, 1}, "share",
         "Share of new cooperations with volunteer organisations that start with a clear task "
         "division.",
         assumption({0.5, 0.9},
                    "three quarters of those cooperating have one "
                    "(R.vo.division.clear)"));
  v.real(signal_rate, "signal_rate", 0.02, {0, 1}, "per week",
         "Weekly chance that a family's school (or, for children under 4, its clinic) notices an "
         "unhelped need; an organisation that cooperates with volunteer organisations then "
         "refers the family to a project.",
         assumption({0.01, 0.04},
                    "schools and clinics see children weekly but notice needs "
                    "slowly"));
}

void CjgParams::fields(ParamVisitor& v) {
  v.real(staff_per_10k_families, "staff_per_10k_families", 7, {0.5, 200}, "staff",
         "Staff for families' care through the CJG (the CJG and the youth care it refers to) per "
         "10,000 families, at least one per CJG.",
         assumption({5, 12},
                    "capacity near demand: the report calls the centres busy, and "
                    "youth care had waiting lists in 2011; with 7 a short waiting list "
                    "forms"));
  v.real(staff_hours, "staff_hours", 28, {1, 40}, "hours/week",
         "Contract hours of a CJG staff member.", assumption({24, 32}, "mostly part-time"));
  v.real(openness_mean, "openness_mean", 0.5, {0, 1}, "0-1",
         "Mean openness of CJG staff towards volunteers.",
         assumption({0.35, 0.65},
                    "survey text: some CJGs are closed in their attitude towards "
                    "volunteers"));
  v.real(openness_spread, "openness_spread", 0.2, {0, 0.5}, "0-1",
         "Standard deviation of openness between staff.",
         assumption({0.1, 0.3}, "CJGs differ in their attitude"));
  v.real(case_share, "case_share", 0.6, {0, 1}, "share",
         "Share of CJG staff hours that goes to families in care.",
         assumption({0.5, 0.75}, "the rest goes to intake, consultation and meetings"));
  v.real(hours_per_family, "hours_per_family", 1, {0.1, 40}, "hours/week",
         "Professional hours a family in care takes a week.",
         assumption({0.5, 2}, "a weekly or fortnightly session with preparation"));
  v.real(cooperation_start, "cooperation_start", 0.593, {0, 1}, "per meeting",
         "Chance that a meeting with the CJG starts cooperation with it, at full openness of its "
         "staff.",
         assumption({0.296, 1},
                    "tuned to P.cjg.cooperates (tools/tune_dynamics.ini); contact "
                    "comes before cooperation"));
  v.real(cooperation_weeks, "cooperation_weeks", 156, {1, 5200}, "weeks",
         "Mean time a project's cooperation with the CJG lasts (unless the CJG is its main "
         "partner).",
         assumption({104, 312}, "projects are usually time-limited"));
  v.real(openness_gain, "openness_gain", 0.02, {0, 1}, "share",
         "Share of a CJG staff member's gap to full openness that one good contact with "
         "volunteers closes (a session, a referral taken on, a new cooperation).",
         assumption({0.01, 0.05}, "the brief: openness can change with positive contact"));
  v.real(staff_turnover_weeks, "staff_turnover_weeks", 208, {1, 5200}, "weeks",
         "Mean time until a CJG staff member is replaced by someone of average openness.",
         assumption({104, 312}, "professionals change jobs every few years"));
  v.real(refer_to_volunteers, "refer_to_volunteers", 0.1, {0, 1}, "per week",
         "Weekly chance, at full openness, that the CJG passes a family with a light question on "
         "its waiting list to a project it cooperates with.",
         assumption({0.05, 0.2},
                    "survey text: CJGs mostly do not yet work with volunteers, some "
                    "are closed towards them"));
}

void SelforgParams::fields(ParamVisitor& v) {
  v.real(bridge_builders_mean, "bridge_builders_mean", 5, {1, 100}, "people",
         "Mean number of bridge-builders (key figures) of a self-organisation.",
         assumption({3, 10}, "small community associations with a few key figures"));
  v.real(families_per_builder, "families_per_builder", 2, {0.1, 20}, "families/week",
         "Families a bridge-builder can inform or refer a week.",
         assumption({1, 4}, "volunteers with a few hours a week"));
  v.real(trust_mean, "trust_mean", 0.3, {0, 1}, "0-1",
         "Mean trust between a self-organisation and professionals at the start.",
         assumption({0.2, 0.45}, "expert interviews: there is a gap fed by mutual perceptions"));
  v.real(refer_rate, "refer_rate", 0.08, {0, 1}, "per week",
         "Weekly chance, at full trust, that a self-organisation refers a serious case onward.",
         assumption({0.04, 0.16}, "expert interviews: with more trust they would refer"));
  v.real(overload_ratio, "overload_ratio", 1, {0.1, 10}, "ratio",
         "Load over capacity above which a self-organisation counts as over-asked.",
         assumption({0.8, 1.25}, "over-asked means asked for about more than it can give"));
}

void NeedParams::fields(ParamVisitor& v) {
  v.real(light_weeks, "light_weeks", 26, {1, 1040}, "weeks",
         "Mean duration of a light parenting question without help.",
         assumption({13, 52}, "a quarter to a year"));
  v.real(serious_weeks, "serious_weeks", 104, {1, 1040}, "weeks",
         "Mean duration of a serious problem without professional care.",
         assumption({52, 208}, "serious problems last years without care"));
  v.real(escalation_weeks, "escalation_weeks", 260, {1, 5200}, "weeks",
         "Mean time until an unhelped light question becomes a serious problem.",
         assumption({130, 520},
                    "prevention is the reason the field exists; most questions never "
                    "escalate"));
  v.real(help_speedup, "help_speedup", 2, {1, 20}, "ratio",
         "How much faster light questions resolve with informal help (volunteer or "
         "self-organisation).",
         assumption({1.5, 3}, "volunteers' support shortens, not replaces, a parent's search"));
  v.real(help_protection, "help_protection", 0.5, {0, 1}, "share",
         "Share of escalations to a serious problem that informal help prevents.",
         assumption({0.3, 0.7}, "early support is meant to prevent escalation"));
  v.real(care_speedup, "care_speedup", 4, {1, 50}, "ratio",
         "How much faster problems resolve in professional care.",
         assumption({2, 8}, "care takes months where problems alone take years"));
}

void SeekParams::fields(ParamVisitor& v) {
  v.real(formal_rate, "formal_rate", 0.01, {0, 1}, "per week",
         "Weekly chance that a family in need without help turns to the CJG, at full trust.",
         assumption({0.005, 0.02},
                    "the system assumes families find help themselves; many do "
                    "not for months"));
  v.real(informal_rate, "informal_rate", 0.05, {0, 1}, "per week",
         "Weekly chance that a family in need without help turns to informal help, at full "
         "network strength.",
         assumption({0.025, 0.1}, "informal help is asked sooner than formal help"));
  v.real(selforg_preference, "selforg_preference", 0.5, {0, 1}, "share",
         "Share of migrant families' informal help seeking that goes to a self-organisation.",
         assumption({0.3, 0.7},
                    "survey text: bridge-builders inform and refer people of their "
                    "community"));
  v.real(project_reach, "project_reach", 0.4, {0, 1}, "probability",
         "Chance that a project takes on a family that turns to it (before the target-group "
         "bonus).",
         assumption({0.25, 0.6}, "projects have a remit and a waiting list of their own"));
  v.real(target_group_reach, "target_group_reach", 1, {0, 5}, "ratio",
         "Extra chance that a project takes on a migrant family, per share of migrant volunteers.",
         assumption({0.5, 2},
                    "survey text: target-group volunteers reach the target group better "
                    "(P.value.reach)"));
  v.real(age_match, "age_match", 3, {1, 20}, "odds ratio",
         "How much likelier a family turns to a project for its children's age (or for parents "
         "and families) than to another project.",
         assumption({1.5, 6}, "families look for help that fits their children"));
  v.real(migrant_match, "migrant_match", 3, {1, 20}, "odds ratio",
         "How much likelier a migrant family turns to a project of or for migrants.",
         assumption({1.5, 6}, "survey text: volunteers from the target group reach it better"));
}

void ReferParams::fields(ParamVisitor& v) {
  v.real(base, "base", 0.05, {0, 1}, "per week",
         "Weekly chance that a volunteer of average knowledge refers a serious case onward.",
         assumption({0.025, 0.1}, "referral takes weeks to months"));
  v.real(knowledge, "knowledge", 0.5, {0, 3}, "logit per sd",
         "Effect of the volunteer's pedagogical knowledge on referring.",
         assumption({0.25, 1}, "survey text: knowledge makes referral likely"));
  v.real(written_division, "written_division", 0.5, {0, 3}, "logit",
         "Effect of a written internal task division on referring.",
         assumption({0.25, 1}, "survey text: a clear task division makes referral likely"));
  v.real(cjg_awareness, "cjg_awareness", 0.3, {0, 3}, "logit per level",
         "Effect of the project knowing what the CJG does (0-3) on referring.",
         assumption({0.15, 0.6},
                    "survey text: a working tie to professionals makes referral "
                    "likely"));
  v.real(boundary_chance, "boundary_chance", 0.0135, {0, 1}, "probability",
         "Weekly chance that a volunteer who keeps a serious case goes beyond their limits.",
         assumption({0.00675, 0.027},
                    "tuned to P.int.obstacle.boundaries (tools/tune_dynamics.ini): projects name "
                    "the obstacle after a crossing within project.obstacle_memory_weeks; about "
                    "once a year per serious case kept"));
  v.real(success_clear, "success_clear", 0.9, {0, 1}, "probability",
         "Chance that a referral through a tie with a clear (oral or written) task division "
         "lands on the CJG's list; otherwise it is tried again later.",
         assumption({0.8, 0.97}, "with clear agreements a referral rarely stalls"));
  v.real(success_unclear, "success_unclear", 0.6, {0, 1}, "probability",
         "Chance that a referral through a tie without a clear task division lands.",
         assumption({0.4, 0.8},
                    "survey text: unclear task division is an obstacle; referrals "
                    "stall or wait"));
  v.real(skills, "skills", 0.5, {0, 3}, "logit per sd",
         "Protective effect of a volunteer's skills against going beyond their limits.",
         assumption({0.25, 1}, "skills training is asked for to deal with parents and youth"));
  v.real(unclear_crossing, "unclear_crossing", 0.7, {0, 5}, "logit",
         "Effect of no internal task division on volunteers going beyond their limits.",
         assumption({0.35, 1.4},
                    "survey text: where tasks are unclear, volunteers take on tasks "
                    "of professionals and go beyond their limits"));
}

void TieParams::fields(ParamVisitor& v) {
  v.real(turnover_weeks, "turnover_weeks", 156, {1, 5200}, "weeks",
         "Mean time over which staff turnover renews a tie's informal state (unwritten "
         "agreements, contacts, grades).",
         assumption({104, 260},
                    "staff turnover erodes unwritten agreements; professionals "
                    "change jobs every few years"));
  v.real(grade_experience, "grade_experience", 0.5, {0, 5}, "probit per unit",
         "Effect of a tie's experience of referrals (from -1: all stalled, to 1: all landed) on "
         "its grade.",
         assumption({0.25, 1},
                    "survey text: grades follow how cooperation works out; no survey "
                    "figure gives the contrast"));
  v.real(experience_weight, "experience_weight", 0.2, {0.01, 1}, "share",
         "Weight of the latest referral in a tie's running experience.",
         assumption({0.1, 0.4}, "partners judge by their last few cases"));
}

void MeetingParams::fields(ParamVisitor& v) {
  v.real(sometimes_per_year, "sometimes_per_year", 4, {0, 365}, "meetings/year",
         "Meetings a year of partners who work together 'sometimes' (the survey's frequency).",
         assumption({2, 6}, "a few times a year"));
  v.real(regular_per_year, "regular_per_year", 12, {0, 365}, "meetings/year",
         "Meetings a year of partners who work together 'regularly', main partners among them.",
         assumption({8, 24}, "about monthly"));
  v.real(often_per_year, "often_per_year", 40, {0, 365}, "meetings/year",
         "Meetings a year of partners who work together 'often'.",
         assumption({26, 52}, "most weeks of the year"));
  v.real(cjg_cooperating_per_year, "cjg_cooperating_per_year", 2.61, {0, 365}, "meetings/year",
         "Planned meetings a year of a project that cooperates with its CJG, at average openness "
         "of the CJG's staff.",
         assumption({1.3, 5.22}, "tuned to P.cjg.contact.often_regular (tools/tune_dynamics.ini)"));
  v.real(cjg_other_per_year, "cjg_other_per_year", 0.49, {0, 365}, "meetings/year",
         "Chance meetings a year (network meetings, events) of a project that does not cooperate "
         "with its CJG, at average openness.",
         assumption({0.245, 0.98}, "tuned to P.cjg.contact.none (tools/tune_dynamics.ini)"));
  v.real(regular_threshold, "regular_threshold", 6, {0, 365}, "meetings/year",
         "Meetings a year from which partners say they have contact 'regularly or often'.",
         assumption({4, 10}, "about every other month"));
  v.real(rate_memory_weeks, "rate_memory_weeks", 26, {1, 520}, "weeks",
         "Time over which a tie's meeting rate is remembered (exponential average).",
         assumption({13, 52}, "a season to a year"));
  v.real(contact_memory_weeks, "contact_memory_weeks", 52, {1, 520}, "weeks",
         "Weeks without a meeting after which partners say they 'never' have contact.",
         assumption({26, 104}, "respondents think of the last year or so"));
}

void AwarenessParams::fields(ParamVisitor& v) {
  v.real(learn_per_meeting, "learn_per_meeting", 0.3, {0, 1}, "probability",
         "Chance that a meeting with the CJG raises a project's knowledge of what it does by one "
         "level (unknown, by name, reasonably, well informed).",
         assumption({0.15, 0.5}, "survey text: awareness follows contact"));
  v.real(fade_weeks, "fade_weeks", 149, {1, 5200}, "weeks",
         "Mean time until a project's knowledge of the CJG drops a level without contact (people "
         "leave, the CJG changes).",
         assumption({74.5, 298}, "tuned to P.cjg.unaware (tools/tune_dynamics.ini)"));
}

void DivisionParams::fields(ParamVisitor& v) {
  v.real(agree_internal, "agree_internal", 1, {0, 1}, "per meeting",
         "Chance that a meeting of a project's professionals and volunteers without an agreed "
         "task division agrees one orally.",
         assumption({0.5, 1}, "tuned to P.int.division.none (tools/tune_dynamics.ini)"));
  v.real(agree_chain, "agree_chain", 0.132, {0, 1}, "per meeting",
         "Chance that a meeting of a project and an institution without a clear task division "
         "agrees one orally.",
         assumption({0.066, 0.264}, "tuned to P.chain.division.none (tools/tune_dynamics.ini)"));
  v.real(agree_vo, "agree_vo", 0.107, {0, 1}, "per meeting",
         "The same for a project and a volunteer organisation.",
         assumption({0.0535, 0.214}, "tuned to P.vo.division.none (tools/tune_dynamics.ini)"));
  v.real(agree_org, "agree_org", 0.222, {0, 1}, "per meeting",
         "The same for a regular organisation and its volunteer organisation.",
         assumption({0.111, 0.444}, "tuned to R.vo.division.none (tools/tune_dynamics.ini)"));
  v.real(align_factor, "align_factor", 3, {1, 20}, "ratio",
         "How much likelier partners who align their task division (a form of cooperation) agree "
         "one at a meeting.",
         assumption({1.5, 5}, "aligning tasks is agreeing on them"));
  v.real(
      write_internal, "write_internal", 0.00441, {0, 1}, "per meeting",
      "Chance that a meeting inside a project turns an oral task division into a written one.",
      assumption({0.0022, 0.00882}, "tuned to P.int.division.written (tools/tune_dynamics.ini)"));
  v.real(write_chain, "write_chain", 0.00359, {0, 1}, "per meeting",
         "The same for a project's tie with an institution.",
         assumption({0.00179, 0.00718},
                    "tuned to P.chain.division.written "
                    "(tools/tune_dynamics.ini)"));
  v.real(write_vo, "write_vo", 0.0029, {0, 1}, "per meeting",
         "The same for ties with volunteer organisations (of projects and of regular "
         "organisations).",
         assumption({0.00145, 0.0058}, "tuned to P.vo.division.written (tools/tune_dynamics.ini)"));
  v.real(written_lapse_weeks, "written_lapse_weeks", 520, {1, 5200}, "weeks",
         "Mean time until a written agreement lapses into an oral one (outdated, not renewed).",
         assumption({260, 1040}, "agreements on paper outlive the people who made them"));
}

void OutcomeParams::fields(ParamVisitor& v) {
  v.integer(reach_window_weeks, "reach_window_weeks", 52, {4, 260}, "weeks",
            "Window after the onset of a need episode within which help counts as reaching it "
            "(reach_flow_* and care_flow_serious).",
            setting("a year: the policy question's horizon for a family"));
}

void ModelParams::fields(ParamVisitor& v) {
  v.area(run, "run");
  v.area(survey, "survey");
  v.area(scenario, "scenario");
  v.area(field, "field");
  v.area(family, "family");
  v.area(project, "project");
  v.area(volunteer, "volunteer");
  v.area(coordinator, "coordinator");
  v.area(org, "org");
  v.area(cjg, "cjg");
  v.area(selforg, "selforg");
  v.area(need, "need");
  v.area(seek, "seek");
  v.area(refer, "refer");
  v.area(ties, "ties");
  v.area(meet, "meet");
  v.area(awareness, "awareness");
  v.area(division, "division");
  v.area(outcome, "outcome");
  v.area(policy, "policy");
}

namespace {

ParamRegistry build_registry() {
  ParamRegistry registry;
  ModelParams params;
  ParamDeclarer declarer(registry);
  params.fields(declarer);
  return registry;
}

}  // namespace

const ParamRegistry& ModelParams::registry() {
  static const ParamRegistry registry = build_registry();
  return registry;
}

ModelParams ModelParams::defaults() { return from(ParamValues(registry())); }

ModelParams ModelParams::from(const ParamValues& values) {
  ModelParams p;
  ParamReader reader(values);
  p.fields(reader);
  RuleCheck rules(values);
  rules.require(p.family.light_need_share + p.family.serious_need_share < 1.0,
                {"family.light_need_share", "family.serious_need_share"},
                "the shares of families in need must sum to less than 1 (some families start "
                "without a need)");
  rules.require(p.family.child_0_4_share + p.family.child_4_12_share <= 1.0,
                {"family.child_0_4_share", "family.child_4_12_share"},
                "the shares of children's age bands must sum to at most 1");
  rules.require(p.field.families >= p.field.municipalities,
                {"field.families", "field.municipalities"},
                "every municipality needs at least one family");
  p.policy.check(rules);
  rules.throw_if_broken();
  return p;
}

const ParamRegistry& model_parameters() { return ModelParams::registry(); }

}  // namespace samen
