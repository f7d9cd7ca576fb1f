#include "data_hub_state.h"

namespace datahub::web {

void DataHubState::Refresh() {
  m_loading = true;
  std::uint64_t generation = ++m_generation;
  std::weak_ptr<DataHubState*> self = m_self;
  m_api.ListConnectors(m_query, [self, generation](Result<ConnectorPage> result) {
    if (auto alive = self.lock()) (*alive)->OnPage(generation, std::move(result));
  });
}

void DataHubState::OnPage(std::uint64_t generation, Result<ConnectorPage> result) {
  if (generation != m_generation) return;  // a newer query is on its way
  m_loading = false;
  m_settled = true;
  if (result.ok()) {
    m_rows = std::move(result.value().items);
    m_total = result.value().total;
    m_error.reset();
  } else {
    m_error = result.problem();
  }
}

}  // namespace datahub::web
