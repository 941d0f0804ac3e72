// RUN: mil-opt %s -split-input-file -verify-diagnostics

mil.function @cond_float_pred(%p: tensor<f32>, %a: tensor<2xf32>) -> tensor<2xf32> attributes {opset = "CoreML5"} {
  // expected-error @+1 {{operand #0 must be tensor of bool values, but got 'tensor<f32>'}}
  %0 = mil.cond pred(%p) {
    mil.return %a : tensor<2xf32>
  } else {
    mil.return %a : tensor<2xf32>
  } : (tensor<f32>) -> tensor<2xf32>
  mil.return %0 : tensor<2xf32>
}

// -----

mil.function @cond_block_args(%p: tensor<i1>, %a: tensor<2xf32>) -> tensor<2xf32> attributes {opset = "CoreML5"} {
  // expected-error @+1 {{region 'true_branch' must take no arguments}}
  %0 = mil.cond pred(%p) {
  ^bb0(%arg: tensor<2xf32>):
    mil.return %arg : tensor<2xf32>
  } else {
    mil.return %a : tensor<2xf32>
  } : (tensor<i1>) -> tensor<2xf32>
  mil.return %0 : tensor<2xf32>
}

// -----

mil.function @cond_output_count(%p: tensor<i1>, %a: tensor<2xf32>) -> tensor<2xf32> attributes {opset = "CoreML5"} {
  // expected-error @+1 {{region 'false_branch' must return 1 values (result), got 2}}
  %0 = mil.cond pred(%p) {
    mil.return %a : tensor<2xf32>
  } else {
    mil.return %a, %a : tensor<2xf32>, tensor<2xf32>
  } : (tensor<i1>) -> tensor<2xf32>
  mil.return %0 : tensor<2xf32>
}

// -----

mil.function @cond_output_type(%p: tensor<i1>, %a: tensor<2xf32>, %b: tensor<3xf32>) -> tensor<2xf32> attributes {opset = "CoreML5"} {
  // expected-error @+1 {{region 'false_branch' returns 'tensor<3xf32>' as value #0, but result #0 has type 'tensor<2xf32>'}}
  %0 = mil.cond pred(%p) {
    mil.return %a : tensor<2xf32>
  } else {
    mil.return %b : tensor<3xf32>
  } : (tensor<i1>) -> tensor<2xf32>
  mil.return %0 : tensor<2xf32>
}

// -----

mil.function @while_result_count(%i: tensor<i32>, %p: tensor<i1>) -> tensor<i32> attributes {opset = "CoreML5"} {
  // expected-error @+1 {{must have one result per loop variable (1), got 2}}
  %0:2 = mil.while_loop loop_vars(%i) cond {
  ^bb0(%c: tensor<i32>):
    mil.return %p : tensor<i1>
  } body {
  ^bb0(%b: tensor<i32>):
    mil.return %b : tensor<i32>
  } : (tensor<i32>) -> (tensor<i32>, tensor<i32>)
  mil.return %0#0 : tensor<i32>
}

// -----

mil.function @while_cond_args(%i: tensor<i32>, %x: tensor<f32>, %p: tensor<i1>) -> tensor<i32> attributes {opset = "CoreML5"} {
  // expected-error @+1 {{region 'cond' must take 2 arguments (one per loop variable), got 1}}
  %0:2 = mil.while_loop loop_vars(%i, %x) cond {
  ^bb0(%c: tensor<i32>):
    mil.return %p : tensor<i1>
  } body {
  ^bb0(%b: tensor<i32>, %bx: tensor<f32>):
    mil.return %b, %bx : tensor<i32>, tensor<f32>
  } : (tensor<i32>, tensor<f32>) -> (tensor<i32>, tensor<f32>)
  mil.return %0#0 : tensor<i32>
}

// -----

mil.function @while_body_arg_type(%i: tensor<i32>, %p: tensor<i1>) -> tensor<i32> attributes {opset = "CoreML5"} {
  // expected-error @+1 {{region 'body' argument #0 has type 'tensor<f32>', but loop variable #0 has type 'tensor<i32>'}}
  %0 = mil.while_loop loop_vars(%i) cond {
  ^bb0(%c: tensor<i32>):
    mil.return %p : tensor<i1>
  } body {
  ^bb0(%b: tensor<f32>):
    mil.return %i : tensor<i32>
  } : (tensor<i32>) -> tensor<i32>
  mil.return %0 : tensor<i32>
}

// -----

mil.function @while_cond_return(%i: tensor<i32>) -> tensor<i32> attributes {opset = "CoreML5"} {
  // expected-error @+1 {{region 'cond' must return one bool (tensor<i1> or tensor<1xi1>), got ('tensor<i32>')}}
  %0 = mil.while_loop loop_vars(%i) cond {
  ^bb0(%c: tensor<i32>):
    mil.return %c : tensor<i32>
  } body {
  ^bb0(%b: tensor<i32>):
    mil.return %b : tensor<i32>
  } : (tensor<i32>) -> tensor<i32>
  mil.return %0 : tensor<i32>
}

// -----

mil.function @while_body_return(%i: tensor<i32>, %p: tensor<i1>, %f: tensor<f32>) -> tensor<i32> attributes {opset = "CoreML5"} {
  // expected-error @+1 {{region 'body' returns 'tensor<f32>' as value #0, but loop variable #0 has type 'tensor<i32>'}}
  %0 = mil.while_loop loop_vars(%i) cond {
  ^bb0(%c: tensor<i32>):
    mil.return %p : tensor<i1>
  } body {
  ^bb0(%b: tensor<i32>):
    mil.return %f : tensor<f32>
  } : (tensor<i32>) -> tensor<i32>
  mil.return %0 : tensor<i32>
}

// -----

mil.function @while_result_type(%x: tensor<?xf32>, %p: tensor<i1>) -> tensor<3xf32> attributes {opset = "CoreML5"} {
  // expected-error @+1 {{region 'body' returns 'tensor<2xf32>' as value #0, but result #0 has type 'tensor<3xf32>'}}
  %0 = mil.while_loop loop_vars(%x) cond {
  ^bb0(%c: tensor<?xf32>):
    mil.return %p : tensor<i1>
  } body {
  ^bb0(%b: tensor<2xf32>):
    mil.return %b : tensor<2xf32>
  } : (tensor<?xf32>) -> tensor<3xf32>
  mil.return %0 : tensor<3xf32>
}

// -----

mil.function @select_b_dtype(%c: tensor<2xi1>, %a: tensor<2xf32>, %b: tensor<2xi32>) -> tensor<2xf32> attributes {opset = "CoreML5"} {
  // expected-error @+1 {{input 'b' must have the element type of 'a' ('f32'), got 'i32'}}
  %0 = mil.select cond(%c) a(%a) b(%b) : (tensor<2xi1>, tensor<2xf32>, tensor<2xi32>) -> tensor<2xf32>
  mil.return %0 : tensor<2xf32>
}

// -----

mil.function @select_output_dtype(%c: tensor<2xi1>, %a: tensor<2xf32>, %b: tensor<2xf32>) -> tensor<2xf16> attributes {opset = "CoreML5"} {
  // expected-error @+1 {{output must have the element type of input 'a' ('f32'), got 'f16'}}
  %0 = mil.select cond(%c) a(%a) b(%b) : (tensor<2xi1>, tensor<2xf32>, tensor<2xf32>) -> tensor<2xf16>
  mil.return %0 : tensor<2xf16>
}

// -----

mil.function @make_list_of_lists(%d: tensor<i32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{output must be a list of tensors, got '!mil.list<!mil.list<tensor<2xf32>>>'}}
  %0 = mil.make_list elem_shape(%d) : (tensor<i32>) -> !mil.list<!mil.list<tensor<2xf32>>>
  mil.return
}

// -----

mil.function @make_list_rank(%d: tensor<i32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{output elements must have rank 1 (one dimension per 'elem_shape' entry), got 2}}
  %0 = mil.make_list elem_shape(%d) : (tensor<i32>) -> !mil.list<tensor<2x2xf32>>
  mil.return
}

// -----

mil.function @make_list_default_dtype(%d: tensor<i32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{output elements must be fp32 (the default 'dtype'), got 'f16'}}
  %0 = mil.make_list elem_shape(%d) : (tensor<i32>) -> !mil.list<tensor<2xf16>>
  mil.return
}

// -----

mil.function @list_write_value(%i: tensor<i32>, %v: tensor<3xf32>) attributes {opset = "CoreML5"} {
  %l = mil.generic "make_list" : () -> !mil.list<tensor<2xf32>>
  // expected-error @+1 {{input 'value' must have the element type of list 'ls' ('tensor<2xf32>'), got 'tensor<3xf32>'}}
  %0 = mil.list_write ls(%l) index(%i) value(%v) : (!mil.list<tensor<2xf32>>, tensor<i32>, tensor<3xf32>) -> !mil.list<tensor<2xf32>>
  mil.return
}

// -----

mil.function @list_write_output(%i: tensor<i32>, %v: tensor<2xf32>) attributes {opset = "CoreML5"} {
  %l = mil.generic "make_list" : () -> !mil.list<tensor<2xf32>>
  // expected-error @+1 {{output must have the type of input 'ls' ('!mil.list<tensor<2xf32>>'), got '!mil.list<tensor<2xf32>, 3>'}}
  %0 = mil.list_write ls(%l) index(%i) value(%v) : (!mil.list<tensor<2xf32>>, tensor<i32>, tensor<2xf32>) -> !mil.list<tensor<2xf32>, 3>
  mil.return
}

// -----

mil.function @list_read_output(%i: tensor<i32>) -> tensor<2xf16> attributes {opset = "CoreML5"} {
  %l = mil.generic "make_list" : () -> !mil.list<tensor<2xf32>>
  // expected-error @+1 {{output must have the element type of list 'ls' ('tensor<2xf32>'), got 'tensor<2xf16>'}}
  %0 = mil.list_read ls(%l) index(%i) : (!mil.list<tensor<2xf32>>, tensor<i32>) -> tensor<2xf16>
  mil.return %0 : tensor<2xf16>
}

// -----

mil.function @list_gather_not_tensors(%i: tensor<3xi32>) -> tensor<3x2xf32> attributes {opset = "CoreML5"} {
  %l = mil.generic "make_list" : () -> !mil.list<!mil.list<tensor<2xf32>>>
  // expected-error @+1 {{input 'ls' must be a list of tensors}}
  %0 = mil.list_gather ls(%l) indices(%i) : (!mil.list<!mil.list<tensor<2xf32>>>, tensor<3xi32>) -> tensor<3x2xf32>
  mil.return %0 : tensor<3x2xf32>
}

// -----

mil.function @list_gather_indices_rank(%i: tensor<3x1xi32>) -> tensor<3x2xf32> attributes {opset = "CoreML5"} {
  %l = mil.generic "make_list" : () -> !mil.list<tensor<2xf32>>
  // expected-error @+1 {{input 'indices' must have rank 1, got 2}}
  %0 = mil.list_gather ls(%l) indices(%i) : (!mil.list<tensor<2xf32>>, tensor<3x1xi32>) -> tensor<3x2xf32>
  mil.return %0 : tensor<3x2xf32>
}

// -----

mil.function @list_gather_dtype(%i: tensor<3xi32>) -> tensor<3x2xf16> attributes {opset = "CoreML5"} {
  %l = mil.generic "make_list" : () -> !mil.list<tensor<2xf32>>
  // expected-error @+1 {{output must have the element type of the elements of 'ls' ('f32'), got 'f16'}}
  %0 = mil.list_gather ls(%l) indices(%i) : (!mil.list<tensor<2xf32>>, tensor<3xi32>) -> tensor<3x2xf16>
  mil.return %0 : tensor<3x2xf16>
}

// -----

mil.function @list_gather_shape(%i: tensor<3xi32>) -> tensor<4x2xf32> attributes {opset = "CoreML5"} {
  %l = mil.generic "make_list" : () -> !mil.list<tensor<2xf32>>
  // expected-error @+1 {{output must have the shape [len(indices)] + element shape ('tensor<3x2xf32>'), got 'tensor<4x2xf32>'}}
  %0 = mil.list_gather ls(%l) indices(%i) : (!mil.list<tensor<2xf32>>, tensor<3xi32>) -> tensor<4x2xf32>
  mil.return %0 : tensor<4x2xf32>
}

// -----

mil.function @list_scatter_dtype(%i: tensor<3xi32>, %v: tensor<3x2xi32>) attributes {opset = "CoreML5"} {
  %l = mil.generic "make_list" : () -> !mil.list<tensor<2xf32>>
  // expected-error @+1 {{input 'value' must have the element type of the elements of 'ls' ('f32'), got 'i32'}}
  %0 = mil.list_scatter ls(%l) indices(%i) value(%v) : (!mil.list<tensor<2xf32>>, tensor<3xi32>, tensor<3x2xi32>) -> !mil.list<tensor<2xf32>>
  mil.return
}

// -----

mil.function @list_scatter_scalar(%i: tensor<1xi32>, %v: tensor<f32>) attributes {opset = "CoreML5"} {
  %l = mil.generic "make_list" : () -> !mil.list<tensor<f32>>
  // expected-error @+1 {{input 'value' must have rank at least 1}}
  %0 = mil.list_scatter ls(%l) indices(%i) value(%v) : (!mil.list<tensor<f32>>, tensor<1xi32>, tensor<f32>) -> !mil.list<tensor<f32>>
  mil.return
}

// -----

mil.function @list_scatter_count(%i: tensor<3xi32>, %v: tensor<4x2xf32>) attributes {opset = "CoreML5"} {
  %l = mil.generic "make_list" : () -> !mil.list<tensor<2xf32>>
  // expected-error @+1 {{input 'value' must hold one slice per index (3), got 4}}
  %0 = mil.list_scatter ls(%l) indices(%i) value(%v) : (!mil.list<tensor<2xf32>>, tensor<3xi32>, tensor<4x2xf32>) -> !mil.list<tensor<2xf32>>
  mil.return
}

// -----

mil.function @list_scatter_slice(%i: tensor<3xi32>, %v: tensor<3x5xf32>) attributes {opset = "CoreML5"} {
  %l = mil.generic "make_list" : () -> !mil.list<tensor<2xf32>>
  // expected-error @+1 {{input 'value' slices must have the shape of the elements of 'ls' ('tensor<2xf32>'), got 'tensor<3x5xf32>'}}
  %0 = mil.list_scatter ls(%l) indices(%i) value(%v) : (!mil.list<tensor<2xf32>>, tensor<3xi32>, tensor<3x5xf32>) -> !mil.list<tensor<2xf32>>
  mil.return
}

// -----

mil.function @while_cond_two_bools(%i: tensor<i32>, %p: tensor<2xi1>) -> tensor<i32> attributes {opset = "CoreML7"} {
  // expected-error @+1 {{region 'cond' must return one bool (tensor<i1> or tensor<1xi1>), got ('tensor<2xi1>')}}
  %0 = mil.while_loop loop_vars(%i) cond {
  ^bb0(%c: tensor<i32>):
    mil.return %p : tensor<2xi1>
  } body {
  ^bb0(%b: tensor<i32>):
    mil.return %b : tensor<i32>
  } : (tensor<i32>) -> tensor<i32>
  mil.return %0 : tensor<i32>
}

// -----

mil.function @cond_two_bools(%p: tensor<1x2xi1>, %a: tensor<2xf32>) -> tensor<2xf32> attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'pred' must hold one bool (tensor<i1> or tensor<1xi1>), got 'tensor<1x2xi1>'}}
  %0 = mil.cond pred(%p) {
    mil.return %a : tensor<2xf32>
  } else {
    mil.return %a : tensor<2xf32>
  } : (tensor<1x2xi1>) -> tensor<2xf32>
  mil.return %0 : tensor<2xf32>
}
