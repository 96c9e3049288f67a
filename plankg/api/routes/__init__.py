"""The API's routers, one module per resource; handlers call one library function each."""
