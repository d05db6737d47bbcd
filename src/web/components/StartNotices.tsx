import { ReviewsDueNotice } from '../routes/classification/ReviewsDueNotice.js';
import { OverdueLogReviews } from '../routes/log-reviews/OverdueLogReviews.js';

/**
 * What the start page shows on arrival, above the first page it leads to: the start redirects with
 * `state.start`, and the Shell renders these while that state lasts. One line per feature.
 */
export function StartNotices() {
  return (
    <>
      <OverdueLogReviews />
      <ReviewsDueNotice />
    </>
  );
}
