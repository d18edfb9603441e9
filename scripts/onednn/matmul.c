/* The W4 probe's two products (60,000 x F features, 10 classes) on oneDNN matmul and on OpenBLAS sgemm.
   Build: gcc -O2 matmul.c -o matmul -ldnnl -lopenblas; run: OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 ./matmul 128 */
#include <dnnl.h>
#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
static double now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}
#define CK(x) do{dnnl_status_t s=(x); if(s){printf("err %d at %s\n",s,#x);exit(1);}}while(0)
int main(int argc,char**argv){
  int n=60000,f=argc>1?atoi(argv[1]):128,c=10;
  float*X=malloc(sizeof(float)*n*f),*W=malloc(sizeof(float)*c*f),*L=malloc(sizeof(float)*n*c),*G=malloc(sizeof(float)*c*f);
  for(long i=0;i<(long)n*f;i++)X[i]=(rand()%1000)/1000.f; for(int i=0;i<c*f;i++)W[i]=(rand()%1000)/1000.f;
  for(long i=0;i<(long)n*c;i++)L[i]=(rand()%1000)/1000.f;
  dnnl_engine_t eng; CK(dnnl_engine_create(&eng,dnnl_cpu,0)); dnnl_stream_t st; CK(dnnl_stream_create(&st,eng,dnnl_stream_default_flags));
  // logits = X (n,f) * W^T (f,c)
  dnnl_memory_desc_t src,wei,dst; dnnl_dims_t ds={n,f},dw={f,c},dd={n,c}; dnnl_dims_t ss={f,1},sw={1,f},sd={c,1};
  CK(dnnl_memory_desc_init_by_strides(&src,2,ds,dnnl_f32,ss)); CK(dnnl_memory_desc_init_by_strides(&wei,2,dw,dnnl_f32,sw)); CK(dnnl_memory_desc_init_by_strides(&dst,2,dd,dnnl_f32,sd));
  dnnl_matmul_desc_t md; CK(dnnl_matmul_desc_init(&md,&src,&wei,NULL,&dst));
  dnnl_primitive_desc_t pd; CK(dnnl_primitive_desc_create(&pd,&md,NULL,eng,NULL)); const char*impl; dnnl_primitive_desc_query(pd,dnnl_query_impl_info_str,0,&impl); printf("fwd impl %s\n",impl);
  dnnl_primitive_t p; CK(dnnl_primitive_create(&p,pd));
  dnnl_memory_t ms,mw,mdst; CK(dnnl_memory_create(&ms,&src,eng,X));CK(dnnl_memory_create(&mw,&wei,eng,W));CK(dnnl_memory_create(&mdst,&dst,eng,L));
  dnnl_exec_arg_t a[3]={{DNNL_ARG_SRC,ms},{DNNL_ARG_WEIGHTS,mw},{DNNL_ARG_DST,mdst}};
  // dW = G^T (c,n) * X (n,f)
  dnnl_memory_desc_t s2,w2,d2; dnnl_dims_t ds2={c,n},dw2={n,f},dd2={c,f}; dnnl_dims_t ss2={1,c},sw2={f,1},sd2={f,1};
  CK(dnnl_memory_desc_init_by_strides(&s2,2,ds2,dnnl_f32,ss2)); CK(dnnl_memory_desc_init_by_strides(&w2,2,dw2,dnnl_f32,sw2)); CK(dnnl_memory_desc_init_by_strides(&d2,2,dd2,dnnl_f32,sd2));
  dnnl_matmul_desc_t md2; CK(dnnl_matmul_desc_init(&md2,&s2,&w2,NULL,&d2));
  dnnl_primitive_desc_t pd2; CK(dnnl_primitive_desc_create(&pd2,&md2,NULL,eng,NULL)); dnnl_primitive_desc_query(pd2,dnnl_query_impl_info_str,0,&impl); printf("bwd impl %s\n",impl);
  dnnl_primitive_t p2; CK(dnnl_primitive_create(&p2,pd2));
  dnnl_memory_t m2s,m2w,m2d; CK(dnnl_memory_create(&m2s,&s2,eng,L));CK(dnnl_memory_create(&m2w,&w2,eng,X));CK(dnnl_memory_create(&m2d,&d2,eng,G));
  dnnl_exec_arg_t a2[3]={{DNNL_ARG_SRC,m2s},{DNNL_ARG_WEIGHTS,m2w},{DNNL_ARG_DST,m2d}};
  for(int r=0;r<3;r++){
    double t0=now(); for(int i=0;i<20;i++){CK(dnnl_primitive_execute(p,st,3,a));} dnnl_stream_wait(st); double t1=now();
    for(int i=0;i<20;i++){CK(dnnl_primitive_execute(p2,st,3,a2));} dnnl_stream_wait(st); double t2=now();
    for(int i=0;i<20;i++) cblas_sgemm(CblasRowMajor,CblasNoTrans,CblasTrans,n,c,f,1,X,f,W,f,0,L,c); double t3=now();
    for(int i=0;i<20;i++) cblas_sgemm(CblasRowMajor,CblasTrans,CblasNoTrans,c,f,n,1,L,c,X,f,0,G,f); double t4=now();
    printf("f=%d dnnl fwd %.2f ms bwd %.2f ms | openblas fwd %.2f bwd %.2f\n",f,(t1-t0)/20e-3,(t2-t1)/20e-3,(t3-t2)/20e-3,(t4-t3)/20e-3);
  }
}
