/** The tool's version; release tags are `v<VERSION>`. */
export const VERSION = "0.1.0";
export const TOOL_NAME = "datason-bench";
