// The page's two virtualised lists in one module: loaded after the first paint as one chunk, so the
// virtualiser and the row components they share come once, not once per list.
export { StepsTable } from "@/components/bgops/steps-table";
export { HistoryList } from "@/components/timeline/history-list";
