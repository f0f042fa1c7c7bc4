//! View models in plain Rust: what the pages draw, computed without the browser so it is tested
//! natively (routes, the customer lists, the labels of the model's values, the plan's table).

pub mod customer_list;
pub mod labels;
pub mod matrix;
pub mod plan_table;
pub mod route;
