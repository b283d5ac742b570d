"""An MCP server over the action catalog: every action an MCP tool (``slotwise mcp``)."""
