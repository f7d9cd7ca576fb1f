// View state of the Data Hub (the connector list): what was loaded, what is loading, and the
// last error, apart from drawing (screen_data_hub.cpp) so tests can drive it without a screen.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "api_client.h"

namespace datahub::web {

class DataHubState {
 public:
  explicit DataHubState(ApiClient& api) : m_api(api) {}

  // (Re)loads the first page. Answers to older requests are dropped when they arrive late.
  void Refresh();

  bool Loading() const { return m_loading; }
  // True once any answer (rows or an error) has arrived.
  bool Settled() const { return m_settled; }
  const std::vector<ConnectorRow>& Rows() const { return m_rows; }
  std::int64_t Total() const { return m_total; }
  const std::optional<Problem>& Error() const { return m_error; }

 private:
  void OnPage(std::uint64_t generation, Result<ConnectorPage> result);

  ApiClient& m_api;
  ListQuery m_query;
  std::vector<ConnectorRow> m_rows;
  std::int64_t m_total = 0;
  std::optional<Problem> m_error;
  bool m_loading = false;
  bool m_settled = false;
  std::uint64_t m_generation = 0;
  // Callbacks hold a weak reference: an answer arriving after this state is gone is dropped.
  std::shared_ptr<DataHubState*> m_self = std::make_shared<DataHubState*>(this);
};

}  // namespace datahub::web
