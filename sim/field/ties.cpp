#include "samen/field/ties.hpp"

#include "samen/field/projects.hpp"

namespace samen {

std::uint32_t Ties::add(TieKind k, std::uint32_t from_index, std::uint32_t to_index,
                        std::uint8_t partner) {
  kind.push_back(k);
  from.push_back(from_index);
  to.push_back(to_index);
  partner_kind.push_back(partner);
  is_main.push_back(0);
  cooperates.push_back(1);
  contact.push_back(0);
  awareness.push_back(0);
  division.push_back(0);
  grade.push_back(0);
  forms.push_back(0);
  grade_noise.push_back(0.0);
  meeting_rate.push_back(0.0f);
  last_meeting.push_back(kNever);
  events.push_back(0);
  experience.push_back(0.0f);
  return static_cast<std::uint32_t>(kind.size() - 1);
}

}  // namespace samen
