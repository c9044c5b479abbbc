// The synthetic field: every agent and entity at one moment.
#pragma once

#include "samen/core/random.hpp"
#include "samen/field/latent_models.hpp"
#include "samen/field/organisations.hpp"
#include "samen/field/people.hpp"
#include "samen/field/population.hpp"
#include "samen/field/projects.hpp"
#include "samen/field/ties.hpp"

namespace samen {

/// Everything the simulation knows at one week.
struct Field {
  StreamKey key;
  std::uint32_t week = 0;
  /// Set once the dynamics have prepared their state (episodes, meeting
  /// histories, experience, dormant ties): a checkpoint keeps it.
  bool dynamics_prepared = false;
  std::uint32_t province_count = 0;
  Municipalities municipalities;
  Families families;
  Projects projects;
  Volunteers volunteers;
  Coordinators coordinators;
  RegularOrgs orgs;
  CjgStaff cjg_staff;
  VolunteerOrgs vos;
  Ties ties;
  LatentCuts cuts;
};

}  // namespace samen
