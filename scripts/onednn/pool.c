/* Max pooling 2x2/2 forward (training, with workspace) and backward on oneDNN. Layout: the engine's CNHW read as
   1 x (C*N) x H x W nchw (each plane pools alone), argument 1 the planes C*N; or with a third argument `blocked`
   oneDNN's own nChw16c at batch 512, argument 1 the channels C. W1: ./pool 16384 28, ./pool 32768 14;
   ./pool 32 28 blocked, ./pool 64 14 blocked. Build: gcc -O2 pool.c -o pool -ldnnl; OMP_NUM_THREADS=1 or 2. */
#include <dnnl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
static double now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}
#define CK(x) do{dnnl_status_t st_=(x); if(st_){printf("err %d at %s\n",st_,#x);exit(1);}}while(0)
int main(int argc,char**argv){
  int blocked=argc>3&&argv[3][0]=='b';
  long planes=blocked?512L*atoi(argv[1]):atoi(argv[1]);
  int h=atoi(argv[2]),w=h,ho=h/2,wo=w/2;
  dnnl_engine_t eng; CK(dnnl_engine_create(&eng,dnnl_cpu,0)); dnnl_stream_t st; CK(dnnl_stream_create(&st,eng,dnnl_stream_default_flags));
  dnnl_memory_desc_t src,dst;
  dnnl_dims_t ds={1,planes,h,w},dd={1,planes,ho,wo};
  if(blocked){ds[0]=dd[0]=512; ds[1]=dd[1]=planes/512;}
  dnnl_format_tag_t tag=blocked?dnnl_nChw16c:dnnl_nchw;
  CK(dnnl_memory_desc_init_by_tag(&src,4,ds,dnnl_f32,tag)); CK(dnnl_memory_desc_init_by_tag(&dst,4,dd,dnnl_f32,tag));
  dnnl_pooling_v2_desc_t pd_; dnnl_dims_t k={2,2},s={2,2},dil={0,0},pad={0,0};
  CK(dnnl_pooling_v2_forward_desc_init(&pd_,dnnl_forward_training,dnnl_pooling_max,&src,&dst,s,k,dil,pad,pad));
  dnnl_primitive_desc_t pd; CK(dnnl_primitive_desc_create(&pd,&pd_,NULL,eng,NULL));
  const char*impl; dnnl_primitive_desc_query(pd,dnnl_query_impl_info_str,0,&impl); printf("fwd impl %s\n",impl);
  const dnnl_memory_desc_t*ws=dnnl_primitive_desc_query_md(pd,dnnl_query_workspace_md,0);
  dnnl_primitive_t p; CK(dnnl_primitive_create(&p,pd));
  float*X=malloc(sizeof(float)*planes*h*w),*Y=malloc(sizeof(float)*planes*ho*wo);
  for(long i=0;i<(long)planes*h*w;i++)X[i]=(rand()%7)/7.f;
  dnnl_memory_t ms,md,mw; CK(dnnl_memory_create(&ms,&src,eng,X)); CK(dnnl_memory_create(&md,&dst,eng,Y)); CK(dnnl_memory_create(&mw,ws,eng,DNNL_MEMORY_ALLOCATE));
  dnnl_exec_arg_t a[3]={{DNNL_ARG_SRC,ms},{DNNL_ARG_DST,md},{DNNL_ARG_WORKSPACE,mw}};
  // bwd
  dnnl_pooling_v2_desc_t bd_; CK(dnnl_pooling_v2_backward_desc_init(&bd_,dnnl_pooling_max,&src,&dst,s,k,dil,pad,pad));
  dnnl_primitive_desc_t bpd; CK(dnnl_primitive_desc_create(&bpd,&bd_,NULL,eng,pd)); dnnl_primitive_desc_query(bpd,dnnl_query_impl_info_str,0,&impl); printf("bwd impl %s\n",impl);
  dnnl_primitive_t bp; CK(dnnl_primitive_create(&bp,bpd));
  float*DX=malloc(sizeof(float)*planes*h*w);
  dnnl_memory_t mdx; CK(dnnl_memory_create(&mdx,&src,eng,DX));
  dnnl_exec_arg_t b[3]={{DNNL_ARG_DIFF_DST,md},{DNNL_ARG_DIFF_SRC,mdx},{DNNL_ARG_WORKSPACE,mw}};
  for(int r=0;r<3;r++){double t0=now(); for(int i=0;i<10;i++)CK(dnnl_primitive_execute(p,st,3,a)); dnnl_stream_wait(st); double t1=now();
    for(int i=0;i<10;i++)CK(dnnl_primitive_execute(bp,st,3,b)); dnnl_stream_wait(st); double t2=now();
    printf("planes %ld %dx%d fwd %.2f ms bwd %.2f ms\n",planes,h,w,(t1-t0)/10e-3,(t2-t1)/10e-3);}
}
