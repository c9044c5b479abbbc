// Places of the field: municipalities and provinces, families, regular
// organisations, volunteer organisations and CJG staff (docs/model.md 3.1.1).
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "generation.hpp"

namespace samen::detail {
namespace {

// Splits `total` into parts proportional to `weights`, largest remainders first,
// so that the parts add up exactly.
std::vector<std::uint32_t> apportion(std::uint64_t total, const std::vector<double>& weights) {
  const double sum = std::accumulate(weights.begin(), weights.end(), 0.0);
  std::vector<std::uint32_t> parts(weights.size());
  std::vector<std::pair<double, std::size_t>> remainders;
  std::uint64_t given = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const double exact = static_cast<double>(total) * weights[i] / sum;
    parts[i] = static_cast<std::uint32_t>(std::floor(exact));
    given += parts[i];
    remainders.emplace_back(exact - std::floor(exact), i);
  }
  std::sort(remainders.begin(), remainders.end(), [](const auto& a, const auto& b) {
    return a.first > b.first || (a.first == b.first && a.second < b.second);
  });
  for (std::size_t r = 0; given < total; ++r, ++given) ++parts[remainders[r].second];
  return parts;
}

std::uint32_t per_10k(double rate, std::uint32_t families, std::uint32_t minimum) {
  const auto n = static_cast<std::uint32_t>(std::lround(rate * families / 10000.0));
  return std::max(minimum, n);
}

// Municipalities get sizes from a log-normal weight; provinces are runs of
// consecutive municipalities.
void generate_municipalities(const GenerationInput& in, Field& field) {
  const std::uint32_t municipalities = in.params.field.municipalities;
  const std::uint64_t families = in.params.field.families;
  const std::uint32_t per_province = in.params.field.municipalities_per_province;
  const double spread = in.params.field.municipality_size_spread;
  std::vector<double> size_weight(municipalities);
  for (std::uint32_t m = 0; m < municipalities; ++m)
    size_weight[m] = std::exp(spread * Stream(in.key, Purpose::municipality, m, 0).normal());
  auto& mun = field.municipalities;
  mun.family_count = apportion(families, size_weight);
  mun.first_family.resize(municipalities);
  mun.province.resize(municipalities);
  std::uint32_t next = 0;
  for (std::uint32_t m = 0; m < municipalities; ++m) {
    mun.first_family[m] = next;
    next += mun.family_count[m];
    mun.province[m] = m / per_province;
  }
  field.province_count = (municipalities + per_province - 1) / per_province;
}

void generate_families(const GenerationInput& in, Field& field) {
  const double migrant_share = in.params.family.migrant_share;
  const double age_0_4 = in.params.family.child_0_4_share;
  const double age_4_12 = in.params.family.child_4_12_share;
  const double light = in.params.family.light_need_share;
  const double serious = in.params.family.serious_need_share;
  const double trust_mean = in.params.family.trust_mean;
  const double trust_gap = in.params.family.migrant_trust_gap;
  const double trust_spread = in.params.family.trust_spread;
  const double network_mean = in.params.family.network_mean;
  const double network_spread = in.params.family.network_spread;

  auto& f = field.families;
  const std::size_t n =
      field.municipalities.first_family.empty()
          ? 0
          : field.municipalities.first_family.back() + field.municipalities.family_count.back();
  f.municipality.resize(n);
  f.migrant.resize(n);
  f.child_age.resize(n);
  f.need.resize(n);
  f.trust_formal.resize(n);
  f.informal_network.resize(n);
  f.helper.assign(n, Helper::nobody);
  f.weeks_waiting.assign(n, 0);
  f.helper_id.assign(n, kNone);
  f.serious_since.assign(n, 0);
  f.next_onset.assign(n, 0);
  f.next_seek.assign(n, 0);
  const auto& mun = field.municipalities;
  tbb::parallel_for(std::size_t{0}, mun.size(), [&](std::size_t m) {
    const std::uint32_t first = mun.first_family[m];
    for (std::uint32_t i = first; i < first + mun.family_count[m]; ++i) {
      Stream s(in.key, Purpose::family, i, 0);
      f.municipality[i] = static_cast<std::uint32_t>(m);
      const bool migrant = s.bernoulli(migrant_share);
      f.migrant[i] = migrant;
      const double a = s.uniform();
      f.child_age[i] = a < age_0_4              ? ChildAge::age_0_4
                       : a < age_0_4 + age_4_12 ? ChildAge::age_4_12
                                                : ChildAge::age_12_18;
      const double u = s.uniform();
      f.need[i] = u < serious ? Need::serious : u < serious + light ? Need::light : Need::none;
      f.trust_formal[i] = static_cast<float>(
          clamp01(trust_mean - (migrant ? trust_gap : 0.0) + trust_spread * s.normal()));
      f.informal_network[i] =
          static_cast<float>(clamp01(network_mean + network_spread * s.normal()));
    }
  });
}

void generate_orgs(const GenerationInput& in, Field& field) {
  auto& mun = field.municipalities;
  auto& orgs = field.orgs;
  const double clinics = in.params.field.clinics_per_10k_families;
  const double schools = in.params.field.schools_per_10k_families;
  const std::uint32_t per_province = in.params.field.municipalities_per_province;
  mun.cjg.assign(mun.size(), kNone);
  mun.first_org.assign(mun.size(), 0);
  mun.org_count.assign(mun.size(), 0);
  auto add = [&](OrgType type, std::uint32_t m) {
    orgs.type.push_back(type);
    orgs.municipality.push_back(m);
    orgs.province.push_back(mun.province[m]);
  };
  for (std::uint32_t m = 0; m < mun.size(); ++m) {
    mun.first_org[m] = static_cast<std::uint32_t>(orgs.size());
    if (m % per_province == 0) add(OrgType::bjz, m);
    mun.cjg[m] = static_cast<std::uint32_t>(orgs.size());
    add(OrgType::cjg, m);
    const std::uint32_t fam = mun.family_count[m];
    for (std::uint32_t k = per_10k(clinics, fam, 1); k > 0; --k) add(OrgType::cb, m);
    for (std::uint32_t k = per_10k(schools, fam, 1); k > 0; --k) add(OrgType::education, m);
    add(OrgType::welfare, m);
    add(OrgType::care, m);
    mun.org_count[m] = static_cast<std::uint32_t>(orgs.size()) - mun.first_org[m];
  }
}

void generate_vos(const GenerationInput& in, Field& field) {
  auto& mun = field.municipalities;
  auto& vos = field.vos;
  const double rates[kVoKindCount] = {in.params.field.welfare_vos_per_10k_families,
                                      in.params.field.care_vos_per_10k_families,
                                      in.params.field.sports_clubs_per_10k_families,
                                      in.params.field.selforgs_per_10k_migrant_families,
                                      in.params.field.religious_orgs_per_10k_families,
                                      in.params.field.other_vos_per_10k_families};
  const double builders_mean = in.params.selforg.bridge_builders_mean;
  const double per_builder = in.params.selforg.families_per_builder;
  const double trust_mean = in.params.selforg.trust_mean;
  mun.first_vo.assign(mun.size(), 0);
  mun.vo_count.assign(mun.size(), 0);
  for (std::uint32_t m = 0; m < mun.size(); ++m) {
    mun.first_vo[m] = static_cast<std::uint32_t>(vos.size());
    std::uint32_t migrant_families = 0;
    const auto first = mun.first_family[m];
    for (std::uint32_t i = first; i < first + mun.family_count[m]; ++i)
      migrant_families += field.families.migrant[i];
    for (int kind = 0; kind < kVoKindCount; ++kind) {
      const bool selforg = kind == static_cast<int>(VoKind::migrant_selforg);
      const std::uint32_t base = selforg ? migrant_families : mun.family_count[m];
      for (std::uint32_t k = per_10k(rates[kind], base, 1); k > 0; --k) {
        const auto id = static_cast<std::uint32_t>(vos.size());
        Stream s(in.key, Purpose::volunteer_org, id, 0);
        vos.municipality.push_back(m);
        vos.kind.push_back(static_cast<std::uint8_t>(kind));
        // Bridge-builders: 1 + Poisson-like spread around the mean.
        const auto builders =
            selforg ? static_cast<std::uint16_t>(
                          1 + std::floor(-std::log(1.0 - s.uniform()) * (builders_mean - 1.0)))
                    : std::uint16_t{0};
        vos.bridge_builders.push_back(builders);
        vos.capacity.push_back(static_cast<float>(builders * per_builder));
        vos.load.push_back(0.0f);
        vos.trust.push_back(static_cast<float>(clamp01(trust_mean + 0.1 * s.normal())));
      }
    }
    mun.vo_count[m] = static_cast<std::uint32_t>(vos.size()) - mun.first_vo[m];
  }
}

void generate_cjg_staff(const GenerationInput& in, Field& field) {
  const double per_10k_staff = in.params.cjg.staff_per_10k_families;
  const double hours = in.params.cjg.staff_hours;
  const double open_mean = in.params.cjg.openness_mean;
  const double open_spread = in.params.cjg.openness_spread;
  auto& st = field.cjg_staff;
  const auto& mun = field.municipalities;
  for (std::uint32_t m = 0; m < mun.size(); ++m) {
    // Openness is partly a centre's culture (shared) and partly personal.
    Stream centre(in.key, Purpose::cjg, m, 0);
    const double culture = centre.normal();
    for (std::uint32_t k = per_10k(per_10k_staff, mun.family_count[m], 1); k > 0; --k) {
      const auto id = static_cast<std::uint32_t>(st.size());
      Stream s(in.key, Purpose::cjg_staff, id, 0);
      st.cjg.push_back(mun.cjg[m]);
      st.hours.push_back(static_cast<float>(hours));
      st.openness.push_back(static_cast<float>(clamp01(
          open_mean + open_spread * (std::sqrt(0.5) * culture + std::sqrt(0.5) * s.normal()))));
    }
  }
}

}  // namespace

void generate_places(const GenerationInput& in, Field& field) {
  generate_municipalities(in, field);
  generate_families(in, field);
  generate_orgs(in, field);
  generate_vos(in, field);
  generate_cjg_staff(in, field);
}

}  // namespace samen::detail
